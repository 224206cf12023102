package dev.archway.gatewayapi.ir.filters;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.archway.gatewayapi.ir.EndpointIr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * External authorization ({@code TrafficPolicy.extAuth} with the GatewayExtension it names): each
 * request is checked by an auth service before it goes upstream.
 *
 * @param extension the GatewayExtension ({@code <ns>/<name>}), for messages
 * @param service the service's endpoints; empty fails every check
 * @param http set for an HTTP auth service, null for Envoy ext_authz v3 over gRPC (h2c)
 * @param failOpen true: a request passes when the service fails or is too slow
 * @param statusOnError the answer when the service fails and {@code failOpen} is false
 * @param contextExtensions sent with every check, sorted by key
 * @param body null: the body is not sent
 * @param grpcHeaders for gRPC: the request headers sent (lower case); empty sends them all
 */
public record ExtAuthConfig(
        String extension,
        List<EndpointIr> service,
        Http http,
        @JsonSerialize(using = ToStringSerializer.class) Duration timeout,
        boolean failOpen,
        int statusOnError,
        Map<String, String> contextExtensions,
        Body body,
        List<String> grpcHeaders) {

    public ExtAuthConfig {
        service = List.copyOf(service);
        grpcHeaders = List.copyOf(grpcHeaders);
        contextExtensions = java.util.Collections.unmodifiableMap(new TreeMap<>(contextExtensions));
    }

    /**
     * @param pathPrefix put before the request's path in the call to the service
     * @param headersToBackend request headers sent to the service (lower case)
     * @param headersToUpstream headers of an allowing answer copied to the upstream request (lower case)
     */
    public record Http(String pathPrefix, List<String> headersToBackend, List<String> headersToUpstream) {
        public Http {
            headersToBackend = List.copyOf(headersToBackend);
            headersToUpstream = List.copyOf(headersToUpstream);
        }
    }

    /** @param allowPartial a larger body is cut to {@code maxBytes} rather than refused with 413 */
    public record Body(int maxBytes, boolean allowPartial) {}
}
