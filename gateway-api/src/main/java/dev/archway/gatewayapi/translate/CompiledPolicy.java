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
    /** The filters of each field the policy sets, in order; one per field except for {@code wasm}. */
    final Map<PolicyField, List<FilterSpec>> specs = new EnumMap<>(PolicyField.class);
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

    /**
     * The name of one of several filters made from {@code field}, e.g. a Wasm plugin:
     * {@code trafficpolicy/<ns>/<name>/wasm/<plugin>}. Named by the item, not its index, so that
     * logs and metrics of a plugin keep their name when another plugin is inserted before it.
     */
    String filterName(PolicyField field, String item) {
        return filterName(field) + "/" + item;
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
