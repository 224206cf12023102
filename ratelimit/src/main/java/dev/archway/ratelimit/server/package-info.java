/**
 * {@code archway ratelimit-server}: Envoy's rate limit service (RLS v3) over gRPC, answering
 * gateways (Archway's global rate limit filter, or Envoy) from a
 * {@code RateLimitServerConfig} file, with counts in memory or shared through Redis.
 *
 * <p>Starting points: {@link dev.archway.ratelimit.server.RateLimitServer} (start from a file,
 * the ports, graceful close). Inside: {@code RateLimitService} (one {@code ShouldRateLimit}
 * call: match each descriptor, count, answer), {@code CounterKeys} (the key a descriptor counts
 * under), {@code ConfigWatch} (reloads on change, keeps the last good config),
 * {@code ServerMetrics} and {@code AdminEndpoint} ({@code /healthz}, {@code /ready},
 * {@code /metrics}).
 *
 * <pre>
 *  ShouldRateLimit(domain, descriptors[])
 *    └ each descriptor ─► Domain.match ─► node with a limit? ─► CounterStore.hit(key) ─► status
 *                                        └ none / unlimited ─► OK
 *    overall: OVER_LIMIT if any non-shadow descriptor is over; the store failing ─► UNAVAILABLE
 * </pre>
 */
package dev.archway.ratelimit.server;
import dev.archway.sidekit.admin.AdminEndpoint;
