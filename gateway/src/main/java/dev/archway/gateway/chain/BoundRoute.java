package dev.archway.gateway.chain;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.RouteIr;
import java.util.List;

/**
 * A route with everything a request on it needs, built once per snapshot: its filter chain and
 * its backends with theirs.
 */
public record BoundRoute(RouteIr route, FilterChain filters, List<BoundBackend> backends) {
    public BoundRoute {
        requireNonNull(route, "route");
        requireNonNull(filters, "filters");
        backends = List.copyOf(backends);
    }

    /** Whether any filter that may run (route or any backend) needs the whole request body. */
    public boolean buffersBody() {
        return filters.buffersBody() || backends.stream().anyMatch(b -> b.filters().buffersBody());
    }

    public String name() {
        return route.name();
    }
}
