package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * A set of equivalent upstream endpoints.
 *
 * @param name {@code service/<ns>/<name>/<port>} or {@code backend/<ns>/<name>}
 * @param endpoints the ready endpoints, sorted; empty answers 503
 */
public record ClusterIr(String name, SourceRef source, UpstreamProtocol protocol, List<EndpointIr> endpoints) {
    public ClusterIr {
        endpoints = List.copyOf(endpoints);
    }
}
