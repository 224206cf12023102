package dev.archway.extauth.server.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * {@code apiKey}: the request carries a key in a header; its SHA-256 must be one of {@code keys}.
 *
 * @param headerName the request header holding the key (default {@value #DEFAULT_HEADER})
 * @param keys the accepted keys, from {@code keys} and {@code keysFile} together
 * @param headersFromMetadata upstream header name to the key's metadata field it carries
 */
public record ApiKeyAuth(String name, String headerName, List<ApiKey> keys, Map<String, String> headersFromMetadata)
        implements AuthConfig {
    public static final String DEFAULT_HEADER = "x-api-key";

    public ApiKeyAuth {
        requireNonNull(name, "name");
        requireNonNull(headerName, "headerName");
        keys = List.copyOf(keys);
        headersFromMetadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headersFromMetadata));
    }
}
