package dev.archway.extauth.server.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * {@code introspection}: a bearer token is checked with an OAuth 2.0 introspection endpoint
 * (RFC 7662), the server authenticating itself with HTTP basic ({@code clientId:clientSecret}).
 *
 * @param cacheDuration how long an answer is reused (never beyond the token's {@code exp}); zero: not cached
 * @param headersFromClaims upstream header name to the introspection response's field it carries
 */
public record IntrospectionAuth(String name, URI url, String clientId, String clientSecret, Duration cacheDuration,
        Map<String, String> headersFromClaims) implements AuthConfig {
    public IntrospectionAuth {
        requireNonNull(name, "name");
        requireNonNull(url, "url");
        requireNonNull(clientId, "clientId");
        requireNonNull(clientSecret, "clientSecret");
        requireNonNull(cacheDuration, "cacheDuration");
        headersFromClaims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headersFromClaims));
    }

    @Override
    public String toString() {
        return "IntrospectionAuth[" + name + ", url=" + url + ", clientId=" + clientId + "]";
    }
}
