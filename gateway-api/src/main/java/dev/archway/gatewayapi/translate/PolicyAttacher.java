package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.SourceRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies TrafficPolicies to the routes attached to listeners. For each route on each listener the
 * candidates are, from most to least specific: the route's own filters (HTTPRoute CORS filter,
 * ExtensionRef to a TrafficPolicy), policies on its rule ({@code sectionName} = rule name), on the
 * route, on the listener, on a ListenerSet, on the Gateway. Each field is taken whole from the
 * most specific candidate that sets it; among policies on the same target, from the oldest. An
 * Invalid policy on any of these targets makes the route answer 500 (fail closed).
 */
final class PolicyAttacher {
    static final int LEVEL_GATEWAY = 0;
    static final int LEVEL_LISTENER_SET = 1;
    static final int LEVEL_LISTENER = 2;
    static final int LEVEL_ROUTE = 3;
    static final int LEVEL_RULE = 4;

    private final PolicyTargets targets;
    private final Map<SourceRef, List<CompiledPolicy>> referencedByRoute;

    /** @param referencedByRoute the policies each route names in ExtensionRef filters */
    PolicyAttacher(PolicyTargets targets, Map<SourceRef, List<CompiledPolicy>> referencedByRoute) {
        this.targets = targets;
        this.referencedByRoute = referencedByRoute;
    }

    void apply(List<GatewayModel> models) {
        for (GatewayModel model : models) {
            for (ListenerModel l : model.listeners) {
                List<List<Candidate>> listenerLevels = listenerCandidates(l);
                Map<RouteIr, RouteIr> done = new HashMap<>();
                for (int i = 0; i < l.routes.size(); i++) {
                    RouteEntry e = l.routes.get(i);
                    RouteIr applied = done.computeIfAbsent(e.route(), r -> applyTo(r, l, listenerLevels));
                    if (applied != e.route()) {
                        l.routes.set(i, new RouteEntry(e.hostname(), applied, e.routeCreated(), e.routeKey(), e.order()));
                    }
                }
            }
        }
    }

    /** A policy on one target, with the ancestor its status is reported under. */
    private record Candidate(CompiledPolicy policy, ParentReference ancestor, String target) {}

    private List<List<Candidate>> listenerCandidates(ListenerModel l) {
        GatewayModel gw = l.gateway();
        List<List<Candidate>> levels = new ArrayList<>();
        levels.add(candidates("Gateway", gw.namespace, gw.name, null, null));
        if (l.owner != gw) {
            levels.add(candidates("ListenerSet", l.owner.namespace, l.owner.name, null, null));
            levels.add(candidates("ListenerSet", l.owner.namespace, l.owner.name, l.name, null));
        } else {
            levels.add(List.of());
            levels.add(candidates("Gateway", gw.namespace, gw.name, l.name, null));
        }
        return levels;
    }

    private RouteIr applyTo(RouteIr ir, ListenerModel l, List<List<Candidate>> listenerLevels) {
        SourceRef route = ir.source();
        ParentReference parent = PolicyTargets.parentRef(l.owner.ref.kind(), l.owner.namespace, l.owner.name, null);
        List<List<Candidate>> levels = new ArrayList<>(listenerLevels);
        levels.add(candidates(route.kind(), route.namespace(), route.name(), null, parent));
        levels.add(ir.ruleName() == null ? List.of() : candidates(route.kind(), route.namespace(), route.name(), ir.ruleName(), parent));

        Map<PolicyField, Integer> takenLevel = new EnumMap<>(PolicyField.class);
        Map<PolicyField, CompiledPolicy> takenBy = new EnumMap<>(PolicyField.class);
        for (FilterSpec spec : ir.filters()) {
            PolicyField f = PolicyField.ofFilterKind(spec.kind());
            if (f != null) {
                takenLevel.put(f, LEVEL_RULE + 1);
            }
        }
        for (CompiledPolicy p : referencedByRoute.getOrDefault(route, List.of())) {
            CompiledPolicy.Ancestor a = p.ancestor(parent);
            a.applied.addAll(p.specs.keySet());
        }
        String failure = ir.failure();
        Map<PolicyField, List<FilterSpec>> chosen = new EnumMap<>(PolicyField.class);
        for (int level = LEVEL_RULE; level >= LEVEL_GATEWAY; level--) {
            for (Candidate c : levels.get(level)) {
                CompiledPolicy p = c.policy();
                CompiledPolicy.Ancestor a = p.ancestor(c.ancestor());
                if (!p.valid()) {
                    if (failure == null) {
                        failure = p.describe() + " is invalid: " + String.join("; ", p.invalid);
                    }
                    continue;
                }
                for (var field : p.specs.entrySet()) {
                    PolicyField f = field.getKey();
                    Integer at = takenLevel.get(f);
                    if (at == null) {
                        takenLevel.put(f, level);
                        takenBy.put(f, p);
                        chosen.put(f, field.getValue());
                        a.applied.add(f);
                    } else if (at == level && takenBy.get(f) != p) {
                        a.conflicts.add("spec." + f.field + ": " + c.target() + " takes it from the older "
                                + takenBy.get(f).describe());
                    }
                }
            }
        }
        List<FilterSpec> filters = new ArrayList<>();
        for (List<FilterSpec> specs : chosen.values()) {
            for (FilterSpec spec : specs) {
                if (spec.config() != DisabledField.INSTANCE) {
                    filters.add(spec);
                }
            }
        }
        for (FilterSpec spec : ir.filters()) {
            if (spec.config() != DisabledField.INSTANCE) {
                filters.add(spec);
            }
        }
        if (filters.equals(ir.filters()) && failure == ir.failure()) {
            return ir;
        }
        return new RouteIr(ir.name(), ir.source(), ir.ruleIndex(), ir.ruleName(), ir.match(), filters, ir.backends(),
                ir.timeouts(), failure, ir.retry());
    }

    /**
     * The policies on one target. For a Gateway or ListenerSet the ancestor is the target itself;
     * for a route it is {@code routeParent}, the Gateway or ListenerSet the route is attached to.
     */
    private List<Candidate> candidates(String kind, String ns, String name, String section, ParentReference routeParent) {
        List<CompiledPolicy> policies = targets.on(kind, ns, name, section);
        if (policies.isEmpty()) {
            return List.of();
        }
        ParentReference ancestor = routeParent != null ? routeParent : PolicyTargets.parentRef(kind, ns, name, section);
        String target = kind + " " + ns + "/" + name + (section == null ? "" : " section " + section);
        List<Candidate> out = new ArrayList<>(policies.size());
        policies.forEach(p -> out.add(new Candidate(p, ancestor, target)));
        return out;
    }
}
