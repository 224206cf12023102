package dev.archway.gatewayapi.ir;

/**
 * What the gateway speaks to a cluster, from the Service port's {@code appProtocol} or the
 * Backend's {@code appProtocol}.
 */
public enum UpstreamProtocol {
    /** HTTP/1.1 (WebSocket upgrades allowed). */
    HTTP1,
    /** HTTP/2 with prior knowledge ({@code kubernetes.io/h2c}); gRPC backends. */
    H2C,
    /** HTTP/1.1 where WebSocket upgrade is expected ({@code kubernetes.io/ws}). */
    WEBSOCKET
}
