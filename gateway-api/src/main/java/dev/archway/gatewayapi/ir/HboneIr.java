package dev.archway.gatewayapi.ir;

/**
 * A cluster reached through HBONE, the Istio ambient mesh's tunnel: mutual TLS (both sides show
 * SPIFFE certificates, ALPN h2) to a tunnel port, then an HTTP/2 {@code CONNECT} to the
 * destination, with the request carried inside the stream.
 *
 * @param authority the {@code CONNECT} target when going through a waypoint: the Service's
 *     {@code clusterIP:port} (the cluster's endpoints are then the waypoint's tunnel addresses);
 *     null to tunnel to each endpoint's own node proxy, {@code CONNECT}ing to the endpoint itself
 * @param tunnelPort without a waypoint: the port of the endpoint's node proxy (15008)
 * @param peerIdentityPath the SPIFFE ID path the tunnel's peer must present in the gateway's trust
 *     domain ({@code /ns/<ns>/sa/<waypoint>}), or null for any identity of that domain
 * @param via for logs and status: {@code waypoint <ns>/<name>} or {@code ambient}
 */
public record HboneIr(String authority, int tunnelPort, String peerIdentityPath, String via) {
    /** Istio's HBONE port, on waypoints and on ztunnel for every enrolled pod. */
    public static final int PORT = 15008;
}
