/**
 * Upstreams: clusters, endpoint choice, connection pools and the proxying of one exchange.
 *
 * <p>Starting points: {@link dev.archway.gateway.upstream.ClusterManager} (owns the pooled
 * HTTP/1.1 and h2c clients for the life of the process, so pools survive reloads),
 * {@link dev.archway.gateway.upstream.ClusterSet} (the clusters of one snapshot; also the
 * filters' {@link dev.archway.plugins.spi.UpstreamClient}),
 * {@link dev.archway.gateway.upstream.UpstreamCall} (streams one request and its response).
 *
 * <pre>
 *  ClusterManager (process) ──► http1 pool, h2c pool (keyed by endpoint address)
 *       └─ clusters(snapshot) ──► ClusterSet ──► Cluster (endpoints, round robin)
 *  UpstreamCall: headers ─► body (streamed, back-pressure) ─► response head ─► relay body + trailers
 * </pre>
 */
package dev.archway.gateway.upstream;
