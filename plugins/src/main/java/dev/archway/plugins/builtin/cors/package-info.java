/**
 * CORS: answers browser preflights at the edge and marks the responses of allowed origins, with
 * the semantics of the Gateway API HTTPCORSFilter (also used by {@code TrafficPolicy.cors}).
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.cors.CorsFilterFactory} (kind, stage,
 * validation), {@code CorsFilter} (preflight and response headers), {@code OriginMatcher} (which
 * origins are allowed: exact, {@code *.example.com} subdomains, or {@code *}).
 */
package dev.archway.plugins.builtin.cors;
