package dev.archway.gatewayapi.ir.filters;

import java.util.List;

/**
 * Cross-origin resource sharing, from the Gateway API HTTPCORSFilter or {@code TrafficPolicy.cors}
 * (the same shape and one implementation for both).
 *
 * @param allowOrigins {@code scheme://host[:port]} origins; {@code *} is any origin and a host may
 *     start with {@code *.} for any subdomain
 * @param allowMethods methods a preflight may ask for; {@code *} is any
 * @param allowHeaders request headers a preflight may ask for (lower case); {@code *} is any
 * @param exposeHeaders response headers the browser may show to scripts; {@code *} is all
 * @param allowCredentials whether the browser may send cookies and authorization
 * @param maxAgeSeconds how long a browser may cache a preflight answer
 */
public record CorsConfig(
        List<String> allowOrigins,
        List<String> allowMethods,
        List<String> allowHeaders,
        List<String> exposeHeaders,
        boolean allowCredentials,
        int maxAgeSeconds) {
    /** The Gateway API default of {@code maxAge}. */
    public static final int DEFAULT_MAX_AGE_SECONDS = 5;

    public CorsConfig {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
