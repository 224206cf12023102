package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.SourceRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A Gateway (or ListenerSet) while the translator works on it: its listeners and conditions.
 * Mutable inside one translation only; never leaves the package.
 */
final class GatewayModel {
    final HasMetadata resource;
    final SourceRef ref;
    final String namespace;
    final String name;
    final long generation;
    final Conditions conditions;
    /** Bind addresses (IP literals); {@code 0.0.0.0} when the Gateway names none. */
    final List<String> addresses = new ArrayList<>();
    /**
     * An IPAddress entry without a value asked the gateway to choose: it binds all interfaces and
     * reports the loopback address, the one every host it runs on answers on.
     */
    boolean addressChosen;
    final List<ListenerModel> listeners = new ArrayList<>();
    /** For a ListenerSet: the Gateway it attaches to. */
    GatewayModel parent;
    int attachedListenerSets;
    boolean accepted = true;

    GatewayModel(HasMetadata resource, String kind, Conditions conditions) {
        this.resource = resource;
        this.namespace = ResourceIndex.namespaceOf(resource);
        this.name = resource.getMetadata().getName();
        this.ref = new SourceRef(kind, namespace, name);
        this.generation = ResourceIndex.generationOf(resource);
        this.conditions = conditions;
    }
}
