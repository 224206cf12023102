package dev.archway.gateway.chain;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.WeightedBackendIr;

/** One backendRef of a route with its own filters built. */
public record BoundBackend(WeightedBackendIr backend, FilterChain filters) {
    public BoundBackend {
        requireNonNull(backend, "backend");
        requireNonNull(filters, "filters");
    }
}
