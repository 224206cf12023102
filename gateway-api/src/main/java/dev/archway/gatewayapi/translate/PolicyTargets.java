package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.model.TrafficPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The targetRefs of every policy, checked and indexed by target. A target that names a kind
 * policies cannot attach to makes the policy Invalid; one that does not exist (or whose
 * sectionName names no listener or rule) is reported as TargetNotFound under the target itself.
 * Gateways and ListenerSets of other controllers are not ours to report on and are skipped.
 */
final class PolicyTargets {
    static final String GATEWAY_GROUP = GatewayPass.GATEWAY_GROUP;

    private final Map<String, List<CompiledPolicy>> byTarget = new HashMap<>();

    /**
     * @param policies oldest first: the order kept for each target, so the oldest wins a tie
     * @param parents our Gateways ({@code Gateway/ns/name}) and ListenerSets ({@code ListenerSet/ns/name})
     */
    PolicyTargets(List<CompiledPolicy> policies, ResourceIndex index, Map<String, GatewayModel> parents) {
        for (CompiledPolicy p : policies) {
            List<TrafficPolicy.TargetRef> refs = p.policy.getSpec() == null || p.policy.getSpec().targetRefs() == null
                    ? List.of() : p.policy.getSpec().targetRefs();
            for (int i = 0; i < refs.size(); i++) {
                resolve(p, refs.get(i), "spec.targetRefs[" + i + "]", index, parents);
            }
        }
    }

    /** The policies on a target, oldest first. */
    List<CompiledPolicy> on(String kind, String ns, String name, String section) {
        return byTarget.getOrDefault(key(kind, ns, name, section), List.of());
    }

    static ParentReference parentRef(String kind, String ns, String name, String section) {
        ParentReference ref = new ParentReference();
        ref.setGroup(GATEWAY_GROUP);
        ref.setKind(kind);
        ref.setNamespace(ns);
        ref.setName(name);
        ref.setSectionName(section);
        return ref;
    }

    private void resolve(CompiledPolicy p, TrafficPolicy.TargetRef ref, String at, ResourceIndex index,
            Map<String, GatewayModel> parents) {
        String ns = p.namespace;
        String section = ref.sectionName() == null || ref.sectionName().isEmpty() ? null : ref.sectionName();
        if (ref.name() == null || ref.name().isEmpty()) {
            p.invalid.add(at + ".name: missing");
            return;
        }
        // A mistake in group or in the kind's case makes the policy Invalid, but the target it
        // obviously means is still indexed: an Invalid policy must fail its target closed, not
        // leave it unprotected.
        String kind = canonicalKind(ref.kind());
        if (kind == null) {
            p.invalid.add(at + ".kind: " + ref.kind() + " (expected: Gateway, ListenerSet, HTTPRoute or GRPCRoute)");
            p.ancestor(parentRef(ref.kind() == null ? "" : ref.kind(), ns, ref.name(), section));
            return;
        }
        if (!kind.equals(ref.kind())) {
            p.invalid.add(at + ".kind: " + ref.kind() + " (expected: " + kind + ", the spelling is case-sensitive)");
        }
        if (!GATEWAY_GROUP.equals(ref.group())) {
            p.invalid.add(at + ".group: " + ref.group() + " (expected: " + GATEWAY_GROUP + ")");
        }
        String missing;
        switch (kind) {
            case "Gateway", "ListenerSet" -> {
                GatewayModel model = parents.get(kind + "/" + ns + "/" + ref.name());
                if (model == null) {
                    if (exists(kind, ns, ref.name(), index)) {
                        return; // another controller's Gateway
                    }
                    missing = kind + " " + ns + "/" + ref.name() + " not found";
                } else if (section != null && model.listeners.stream().noneMatch(l -> l.name.equals(section))) {
                    missing = kind + " " + ns + "/" + ref.name() + " has no listener named " + section;
                } else {
                    missing = null;
                }
            }
            default -> missing = routeProblem(kind, ns, ref.name(), section, index);
        }
        if (missing != null) {
            p.ancestor(parentRef(kind, ns, ref.name(), section)).notFound = at + ": " + missing;
            return;
        }
        if (kind.equals("Gateway") || kind.equals("ListenerSet")) {
            p.ancestor(parentRef(kind, ns, ref.name(), section)); // reported even before any route attaches
        }
        List<CompiledPolicy> list = byTarget.computeIfAbsent(key(kind, ns, ref.name(), section), k -> new ArrayList<>());
        if (!list.contains(p)) {
            list.add(p);
        }
    }

    /** The kind policies can target that {@code kind} names, ignoring case; null when none. */
    private static String canonicalKind(String kind) {
        for (String k : new String[] {"Gateway", "ListenerSet", "HTTPRoute", "GRPCRoute"}) {
            if (k.equalsIgnoreCase(kind)) {
                return k;
            }
        }
        return null;
    }

    private static boolean exists(String kind, String ns, String name, ResourceIndex index) {
        var list = kind.equals("Gateway") ? index.resources.gateways() : index.resources.listenerSets();
        return list.stream().anyMatch(o -> ns.equals(ResourceIndex.namespaceOf(o)) && name.equals(o.getMetadata().getName()));
    }

    /** Why a route target does not resolve, or null when it does. */
    private static String routeProblem(String kind, String ns, String name, String section, ResourceIndex index) {
        List<String> ruleNames = kind.equals("HTTPRoute")
                ? ruleNames(index.resources.httpRoutes(), ns, name,
                        r -> r.getSpec() == null || r.getSpec().getRules() == null ? List.of()
                                : r.getSpec().getRules().stream().map(x -> x.getName()).toList())
                : ruleNames(index.resources.grpcRoutes(), ns, name,
                        r -> r.getSpec() == null || r.getSpec().getRules() == null ? List.of()
                                : r.getSpec().getRules().stream().map(x -> x.getName()).toList());
        if (ruleNames == null) {
            return kind + " " + ns + "/" + name + " not found";
        }
        if (section != null && !ruleNames.contains(section)) {
            return kind + " " + ns + "/" + name + " has no rule named " + section
                    + (ruleNames.isEmpty() ? "" : " (rules: " + String.join(", ", ruleNames) + ")");
        }
        return null;
    }

    /** The rule names of route {@code ns/name} among {@code routes}, or null when it is not there. */
    private static <R extends HasMetadata> List<String> ruleNames(List<R> routes, String ns, String name,
            Function<R, List<String>> names) {
        for (R r : routes) {
            if (ns.equals(ResourceIndex.namespaceOf(r)) && name.equals(r.getMetadata().getName())) {
                return names.apply(r).stream().filter(Objects::nonNull).toList();
            }
        }
        return null;
    }

    private static String key(String kind, String ns, String name, String section) {
        return kind + "/" + ns + "/" + name + "/" + (section == null ? "" : section);
    }
}
