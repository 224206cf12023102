/**
 * The file of {@code archway ratelimit-server}: reading it strictly ({@code kind:
 * RateLimitServerConfig}), the descriptor tree of each domain, and which node of the tree a
 * request's descriptor reaches.
 *
 * <p>Starting points: {@link dev.archway.ratelimit.server.config.ConfigReader} (file to
 * {@link dev.archway.ratelimit.server.config.RateLimitServerConfig}, or every problem with its
 * field path), {@link dev.archway.ratelimit.server.config.Domain#match} (the descriptor model of
 * Envoy's rate limit service: exact key and value first, else the key alone; the node reached at
 * the last entry decides).
 *
 * <pre>
 *  domain "edge"
 *   ├ route=orders            100/minute
 *   │  └ remote_address=*     5/second     ◄─ [route=orders, remote_address=10.0.0.1]
 *   └ route=*                 1000/minute  ◄─ [route=search]
 * </pre>
 */
package dev.archway.ratelimit.server.config;
