package dev.archway.gateway.upstream;

import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.net.HostAndPort;

/** Puts the forwarded authority on an upstream request the way each protocol carries it. */
final class Authorities {
    private Authorities() {}

    /**
     * HTTP/1.1: the Host header, byte for byte as the client (or a rewrite) gave it. HTTP/2: the
     * {@code :authority} pseudo-header, and no Host header beside it.
     */
    static void apply(HttpClientRequest request, MultiMap headers, String authority, UpstreamProtocol protocol) {
        headers.remove("host");
        if (authority == null || authority.isEmpty()) {
            return;
        }
        if (protocol == UpstreamProtocol.H2C) {
            HostAndPort parsed = HostAndPort.parseAuthority(authority, -1);
            request.authority(parsed != null ? parsed : HostAndPort.create(authority, -1));
        } else {
            headers.set("host", authority);
        }
    }
}
