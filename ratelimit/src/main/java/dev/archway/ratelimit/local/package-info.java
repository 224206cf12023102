/**
 * Local rate limits ({@code archway.dev/local-ratelimit}): token buckets in this gateway's
 * memory, one per key (the whole target, the client address, a header or a JWT claim); a request
 * finding its bucket empty gets 429 with {@code Retry-After} and the IETF {@code RateLimit}
 * fields.
 *
 * <p>Starting points: {@link dev.archway.ratelimit.local.LocalRateLimitFactory} (validation,
 * building, found through {@link java.util.ServiceLoader}). Inside: {@code LocalRateLimitFilter}
 * (the request and response headers), {@code BucketStore} (the buckets of one limit: lock-free
 * lookups, the sweep of full buckets, the key cap and its overflow bucket), {@code SharedStores}
 * (stores shared by equal configs and carried over reloads, counted by reference),
 * {@code RequestKeys} (which bucket a request goes to), {@code LocalRateLimitConfigCheck}.
 *
 * <pre>
 *  request ─► key ─► store (bucketName + limits) ─► bucket of the key ─► token? ─► next
 *                                                                        └ none ─► 429
 * </pre>
 */
package dev.archway.ratelimit.local;
