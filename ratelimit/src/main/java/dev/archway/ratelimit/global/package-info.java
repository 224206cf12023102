/**
 * Global rate limits ({@code TrafficPolicy.rateLimit.global}): each request's descriptors are sent
 * to a rate limit service over Envoy's RLS v3 protocol, which counts them for every gateway
 * replica; {@code OVER_LIMIT} answers 429.
 *
 * <p>Starting points: {@link dev.archway.ratelimit.global.GlobalRateLimitFilter} (one request),
 * {@code Descriptors} (what is sent), {@code RlsClient} (the gRPC call, its timeout, the shared
 * HTTP/2 connections), {@code RateLimitAnswer} (what the service said, as headers and a decision).
 */
package dev.archway.ratelimit.global;
