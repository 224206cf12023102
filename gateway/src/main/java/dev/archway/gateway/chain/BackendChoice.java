package dev.archway.gateway.chain;

import dev.archway.gateway.upstream.Cluster;
import dev.archway.gateway.upstream.ClusterSet;
import dev.archway.gateway.upstream.WeightedChoice;
import dev.archway.gatewayapi.ir.RouteIr;

/**
 * Which backend of a route serves one request, or why none can: a broken rule, no backends,
 * weights all 0, or a backendRef that did not resolve answer 500 (fail closed, never falling
 * through to another route).
 *
 * @param status 0 when a backend was chosen, else the status to answer with
 */
record BackendChoice(BoundBackend backend, Cluster cluster, int status, String text, String outcome) {

    boolean chosen() {
        return status == 0;
    }

    static BackendChoice of(BoundRoute route, ClusterSet clusters) {
        RouteIr ir = route.route();
        if (ir.failure() != null) {
            return refused("route " + ir.name() + " cannot serve requests: " + ir.failure(), "route_failure");
        }
        if (route.backends().isEmpty()) {
            return refused("route " + ir.name() + " has no backend", "no_backend");
        }
        BoundBackend backend = WeightedChoice.pick(route.backends(), b -> b.backend().weight());
        if (backend == null) {
            return refused("every backend of route " + ir.name() + " has weight 0", "no_backend");
        }
        Cluster cluster = clusters.cluster(backend.backend().cluster());
        if (cluster == null) {
            return refused("backend " + backend.backend().name() + " of route " + ir.name() + " does not resolve",
                    "backend_unresolved");
        }
        return new BackendChoice(backend, cluster, 0, null, null);
    }

    private static BackendChoice refused(String text, String outcome) {
        return new BackendChoice(null, null, 500, text, outcome);
    }
}
