package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.SourceRef;
import dev.archway.gatewayapi.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compiled TrafficPolicies of one translation, and which routes name them in ExtensionRef filters. */
final class Policies {
    /** Oldest first. */
    final List<CompiledPolicy> all = new ArrayList<>();
    private final Map<String, CompiledPolicy> byKey = new HashMap<>();
    final Map<SourceRef, List<CompiledPolicy>> referencedByRoute = new LinkedHashMap<>();

    /** @param policies oldest first */
    Policies(List<TrafficPolicy> policies, PolicyCompiler compiler) {
        for (TrafficPolicy p : policies) {
            CompiledPolicy c = compiler.compile(p);
            all.add(c);
            byKey.put(c.key(), c);
        }
    }

    /** The policy {@code ns/name} referenced from a rule of {@code route}, or null when there is none. */
    CompiledPolicy reference(SourceRef route, String ns, String name) {
        CompiledPolicy p = byKey.get(ns + "/" + name);
        if (p != null) {
            List<CompiledPolicy> list = referencedByRoute.computeIfAbsent(route, r -> new ArrayList<>());
            if (!list.contains(p)) {
                list.add(p);
            }
        }
        return p;
    }
}
