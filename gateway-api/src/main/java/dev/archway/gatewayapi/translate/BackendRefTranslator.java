package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.WeightedBackendIr;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import java.util.List;

/**
 * One backendRef of a rule (HTTPRoute or GRPCRoute) to a {@link WeightedBackendIr}: the ref is
 * resolved, its own filters translated, and a ref that does not resolve keeps its weight with no
 * cluster, so its share of requests answers 500.
 */
final class BackendRefTranslator {
    /** The fields HTTPBackendRef and GRPCBackendRef share. */
    record Ref(String group, String kind, String namespace, String name, Integer port, Integer weight,
            List<HTTPRouteFilter> filters) {}

    private final BackendResolver backends;
    private final FilterTranslator filters;

    BackendRefTranslator(BackendResolver backends, FilterTranslator filters) {
        this.backends = backends;
        this.filters = filters;
    }

    /**
     * @param at the field path, e.g. {@code spec.rules[0].backendRefs[1]}
     * @param name the deterministic name, e.g. {@code httproute/ns/n/rule/0/backend/1}
     */
    WeightedBackendIr translate(Ref ref, String at, String name, String routeKind, String routeNs, boolean forceH2c,
            RouteProblems problems) {
        var resolution = backends.resolve(at, routeKind, routeNs, ref.group(), ref.kind(), ref.namespace(), ref.name(),
                ref.port(), forceH2c);
        if (!resolution.ok()) {
            problems.ref(resolution.reason(), resolution.message());
        }
        var own = filters.translate(ref.filters(), at, name, routeKind, routeNs, null, problems);
        String cluster = own.failure() == null ? resolution.cluster() : null;
        return new WeightedBackendIr(name, cluster, ref.weight() == null ? 1 : ref.weight(), own.specs());
    }
}
