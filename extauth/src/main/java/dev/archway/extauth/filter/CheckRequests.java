package dev.archway.extauth.filter;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.archway.gatewayapi.ir.filters.ExtAuthConfig;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.RequestHead;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Envoy's {@code CheckRequest} for one request, filled as Envoy fills it: source and destination
 * addresses, the request's time, method, path (with query), host, scheme and headers (names in
 * lower case, repeated headers joined with a comma), the body when asked for, and the policy's
 * context extensions. Not sent: the protocol version (the filter SPI does not expose it) and the
 * client's TLS identity (listeners do not ask for client certificates yet).
 */
final class CheckRequests {
    private CheckRequests() {}

    static CheckRequest of(HttpFilterContext ctx, ExtAuthConfig config, Buffer body, boolean partial) {
        RequestHead request = ctx.request();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> allowed = config.grpcHeaders();
        request.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (allowed.isEmpty() || allowed.contains(name)) {
                headers.merge(name, h.getValue(), (a, b) -> a + "," + b);
            }
        });
        String path = request.query() == null || request.query().isEmpty() ? request.path()
                : request.path() + "?" + request.query();
        AttributeContext.HttpRequest.Builder http = AttributeContext.HttpRequest.newBuilder()
                .setMethod(request.method())
                .setPath(path)
                .setHost(request.authority() == null ? request.host() : request.authority())
                .setScheme(request.scheme())
                .putAllHeaders(headers);
        if (body != null) {
            http.setSize(body.length()).setRawBody(ByteString.copyFrom(body.getBytes()));
            if (partial) {
                // Envoy's marker for a body cut to max_request_bytes.
                http.putHeaders("x-envoy-auth-partial-body", "true");
            }
        } else {
            http.setSize(-1);
        }
        Instant now = Instant.now();
        AttributeContext.Peer.Builder source = peer(request.remoteAddress(), 0).toBuilder();
        var certificate = request.clientCertificate();
        if (certificate != null && certificate.verified()) {
            // As Envoy: the peer certificate's first URI SAN (a SPIFFE ID), else its subject; only
            // for a certificate the listener verified.
            source.setPrincipal(certificate.principal());
        }
        AttributeContext.Builder attributes = AttributeContext.newBuilder()
                .setSource(source)
                .setDestination(peer("0.0.0.0", request.listenerPort()))
                .setRequest(AttributeContext.Request.newBuilder()
                        .setTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                        .setHttp(http))
                .putAllContextExtensions(config.contextExtensions());
        return CheckRequest.newBuilder().setAttributes(attributes).build();
    }

    private static AttributeContext.Peer peer(String address, int port) {
        return AttributeContext.Peer.newBuilder()
                .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder()
                        .setAddress(address == null ? "" : address).setPortValue(port)))
                .build();
    }
}
