package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * A set of equivalent upstream endpoints.
 *
 * @param name {@code service/<ns>/<name>/<port>} or {@code backend/<ns>/<name>}
 * @param endpoints the ready endpoints, sorted; empty answers 503
 * @param tls TLS to the endpoints (BackendTLSPolicy), or null for plain text
 */
public record ClusterIr(String name, SourceRef source, UpstreamProtocol protocol, List<EndpointIr> endpoints,
        UpstreamTlsIr tls) {
    public ClusterIr {
        endpoints = List.copyOf(endpoints);
    }

    /** A plain-text cluster. */
    public ClusterIr(String name, SourceRef source, UpstreamProtocol protocol, List<EndpointIr> endpoints) {
        this(name, source, protocol, endpoints, null);
    }
}
