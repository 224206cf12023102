/**
 * Envoy's rate limit service protocol (RLS v3) as both ends of Archway speak it: the gateway's
 * global rate limit filter calls it, {@code archway ratelimit-server} answers it.
 */
package dev.archway.ratelimit.rls;
