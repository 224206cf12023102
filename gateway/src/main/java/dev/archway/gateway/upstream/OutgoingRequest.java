package dev.archway.gateway.upstream;

import static java.util.Objects.requireNonNull;

import io.vertx.core.MultiMap;

/**
 * The head of a request as it goes upstream, after filters and header rules.
 *
 * @param pathAndQuery the request target, e.g. {@code /a/b?x=1}
 * @param authority the Host (HTTP/1.1) or {@code :authority} (HTTP/2) to send
 * @param headers already stripped of hop-by-hop headers; must not contain Host
 */
public record OutgoingRequest(String method, String pathAndQuery, String authority, MultiMap headers) {
    public OutgoingRequest {
        requireNonNull(method, "method");
        requireNonNull(pathAndQuery, "pathAndQuery");
        requireNonNull(headers, "headers");
    }
}
