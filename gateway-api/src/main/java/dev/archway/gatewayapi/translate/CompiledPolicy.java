package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.model.TrafficPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TrafficPolicy while the translator works on it: the filters its fields became, what is wrong
 * with it, and per ancestor (GEP-713) what happened when it was attached. Mutable inside one
 * translation only.
 */
final class CompiledPolicy {
    final TrafficPolicy policy;
    final String namespace;
    final String name;
    /** creationTimestamp (ISO text, or empty), for "the oldest wins". */
    final String created;
    final long generation;
    final Map<PolicyField, FilterSpec> specs = new EnumMap<>(PolicyField.class);
    /** Problems that make the policy Invalid, each naming its field. */
    final List<String> invalid = new ArrayList<>();
    /** By ancestor key ({@code Kind/ns/name[/section]}). */
    final Map<String, Ancestor> ancestors = new LinkedHashMap<>();

    CompiledPolicy(TrafficPolicy policy) {
        this.policy = policy;
        this.namespace = ResourceIndex.namespaceOf(policy);
        this.name = policy.getMetadata().getName();
        this.created = policy.getMetadata().getCreationTimestamp() == null ? "" : policy.getMetadata().getCreationTimestamp();
        this.generation = ResourceIndex.generationOf(policy);
    }

    String key() {
        return namespace + "/" + name;
    }

    /** {@code TrafficPolicy ns/name}, for messages. */
    String describe() {
        return TrafficPolicy.KIND + " " + key();
    }

    boolean valid() {
        return invalid.isEmpty();
    }

    /** The name of the filter made from {@code field}: {@code trafficpolicy/<ns>/<name>/<field>}. */
    String filterName(PolicyField field) {
        return "trafficpolicy/" + namespace + "/" + name + "/" + field.field;
    }

    Ancestor ancestor(ParentReference ref) {
        String key = ref.getKind() + "/" + ref.getNamespace() + "/" + ref.getName()
                + (ref.getSectionName() == null ? "" : "/" + ref.getSectionName());
        return ancestors.computeIfAbsent(key, k -> new Ancestor(ref));
    }

    /** What the policy did under one ancestor. */
    static final class Ancestor {
        final ParentReference ref;
        /** Fields that took effect on at least one route under this ancestor. */
        final Set<PolicyField> applied = EnumSet.noneOf(PolicyField.class);
        /** Messages for fields that an older policy on the same target set first. */
        final Set<String> conflicts = new LinkedHashSet<>();
        /** Set when the target could not be found; the ancestor is then the target itself. */
        String notFound;

        Ancestor(ParentReference ref) {
            this.ref = ref;
        }
    }
}
