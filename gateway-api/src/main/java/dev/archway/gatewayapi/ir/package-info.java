/**
 * The snapshot IR: what the translator produces and the data plane serves. Records only, with
 * immutable collections; every node carries a deterministic name that logs and metrics reuse.
 *
 * <p>Starting points: {@link dev.archway.gatewayapi.ir.Snapshot} (the root),
 * {@link dev.archway.gatewayapi.ir.RouteIr} (one match of one rule, already in precedence order),
 * {@link dev.archway.gatewayapi.ir.FilterSpec} (a filter the data plane builds through the SPI).
 *
 * <pre>
 * Snapshot
 *  ├─ ports: PortIr (bind address:port, protocol, TLS certificates)
 *  │    └─ listeners: ListenerIr (most specific hostname first)
 *  │         └─ virtualHosts: VirtualHostIr (most specific hostname first)
 *  │              └─ routes: RouteIr (match, filters, weighted backends, timeouts)
 *  └─ clusters: ClusterIr (endpoints, upstream protocol)
 * </pre>
 */
package dev.archway.gatewayapi.ir;
