package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * A set of equivalent upstream endpoints.
 *
 * @param name {@code service/<ns>/<name>/<port>} or {@code backend/<ns>/<name>}
 * @param endpoints the ready endpoints, sorted; empty answers 503
 * @param tls TLS to the endpoints (BackendTLSPolicy), or null for plain text
 * @param hbone the mesh tunnel the endpoints are reached through, or null for a direct connection
 */
public record ClusterIr(String name, SourceRef source, UpstreamProtocol protocol, List<EndpointIr> endpoints,
        UpstreamTlsIr tls, HboneIr hbone) {
    public ClusterIr {
        endpoints = List.copyOf(endpoints);
    }

    /** A plain-text cluster. */
    public ClusterIr(String name, SourceRef source, UpstreamProtocol protocol, List<EndpointIr> endpoints) {
        this(name, source, protocol, endpoints, null, null);
    }

    /** A cluster reached directly, with TLS when {@code tls} is not null. */
    public ClusterIr(String name, SourceRef source, UpstreamProtocol protocol, List<EndpointIr> endpoints,
            UpstreamTlsIr tls) {
        this(name, source, protocol, endpoints, tls, null);
    }
}
