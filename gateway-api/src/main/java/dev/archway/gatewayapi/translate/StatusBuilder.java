package dev.archway.gatewayapi.translate;

import static dev.archway.gatewayapi.status.Reasons.*;

import dev.archway.gatewayapi.model.ArchwayResource;
import dev.archway.gatewayapi.model.TrafficPolicy;
import dev.archway.gatewayapi.status.ResourceStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerEntryStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSetStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Renders the translator's models as Kubernetes status objects. */
final class StatusBuilder {
    /** What a Gateway that let the gateway choose its address reports (it binds all interfaces). */
    static final String CHOSEN_ADDRESS = "127.0.0.1";

    static final String API_VERSION = "gateway.networking.k8s.io/v1";

    private final List<ResourceStatus> out = new ArrayList<>();

    void gatewayClass(HasMetadata gc, Conditions conditions) {
        GatewayClassStatus status = new GatewayClassStatus();
        status.setConditions(conditions.list());
        status.setSupportedFeatures(SupportedFeatures.list());
        add(gc, "GatewayClass", null, status, conditions.list());
    }

    void gateway(GatewayModel model) {
        List<Condition> all = new ArrayList<>(model.conditions.list());
        GatewayStatus status = new GatewayStatus();
        List<GatewayStatusAddress> addresses = new ArrayList<>();
        for (String a : model.addresses) {
            if (!a.equals("0.0.0.0")) {
                GatewayStatusAddress sa = new GatewayStatusAddress();
                sa.setType("IPAddress");
                sa.setValue(a);
                addresses.add(sa);
            }
        }
        if (addresses.isEmpty() && model.addressChosen) {
            GatewayStatusAddress chosen = new GatewayStatusAddress();
            chosen.setType("IPAddress");
            chosen.setValue(CHOSEN_ADDRESS);
            addresses.add(chosen);
        }
        status.setAddresses(addresses);
        status.setConditions(model.conditions.list());
        List<ListenerStatus> listeners = new ArrayList<>();
        for (ListenerModel l : model.listeners) {
            ListenerStatus ls = new ListenerStatus();
            ls.setName(l.name);
            ls.setSupportedKinds(List.copyOf(l.supportedKinds));
            ls.setAttachedRoutes(l.attachedRoutes);
            ls.setConditions(l.conditions.list());
            all.addAll(l.conditions.list());
            listeners.add(ls);
        }
        status.setListeners(listeners);
        status.setAttachedListenerSets(model.attachedListenerSets);
        add(model.resource, "Gateway", model.namespace, status, all);
    }

    void listenerSet(GatewayModel model) {
        List<Condition> all = new ArrayList<>(model.conditions.list());
        ListenerSetStatus status = new ListenerSetStatus();
        status.setConditions(model.conditions.list());
        List<ListenerEntryStatus> listeners = new ArrayList<>();
        for (ListenerModel l : model.listeners) {
            ListenerEntryStatus ls = new ListenerEntryStatus();
            ls.setName(l.name);
            ls.setSupportedKinds(List.copyOf(l.supportedKinds));
            ls.setAttachedRoutes(l.attachedRoutes);
            ls.setConditions(l.conditions.list());
            all.addAll(l.conditions.list());
            listeners.add(ls);
        }
        status.setListeners(listeners);
        add(model.resource, "ListenerSet", model.namespace, status, all);
    }

    /** @param status an HTTPRouteStatus or GRPCRouteStatus holding {@code parents} */
    void route(HasMetadata route, String kind, Object status, List<RouteParentStatus> parents) {
        List<Condition> all = new ArrayList<>();
        parents.forEach(p -> all.addAll(p.getConditions()));
        add(route, kind, ResourceIndex.namespaceOf(route), status, all);
    }

    /** GEP-713: one entry per ancestor, each with an Accepted condition. */
    void policy(CompiledPolicy p, String controllerName, Instant now) {
        List<PolicyAncestorStatus> ancestors = new ArrayList<>();
        List<Condition> all = new ArrayList<>();
        for (CompiledPolicy.Ancestor a : p.ancestors.values()) {
            Conditions c = new Conditions(p.generation, now);
            if (a.notFound != null) {
                c.set(ACCEPTED, false, TARGET_NOT_FOUND, a.notFound);
            } else if (!p.valid()) {
                c.set(ACCEPTED, false, INVALID, String.join("; ", p.invalid));
            } else if (a.applied.isEmpty() && !a.conflicts.isEmpty()) {
                c.set(ACCEPTED, false, REASON_CONFLICTED, String.join("; ", a.conflicts));
            } else if (a.applied.isEmpty() && !p.specs.isEmpty()) {
                c.set(ACCEPTED, true, REASON_ACCEPTED, "no route under this ancestor uses it yet: each field is set by a"
                        + " more specific policy or no route is attached");
            } else {
                c.set(ACCEPTED, true, REASON_ACCEPTED, String.join("; ", a.conflicts));
            }
            PolicyAncestorStatus s = new PolicyAncestorStatus();
            s.setAncestorRef(a.ref);
            s.setControllerName(controllerName);
            s.setConditions(c.list());
            ancestors.add(s);
            all.addAll(c.list());
        }
        if (ancestors.isEmpty() && !p.valid()) {
            // Nothing to report under: still tell the user, under the policy's own name.
            Conditions c = new Conditions(p.generation, now).set(ACCEPTED, false, INVALID, String.join("; ", p.invalid));
            all.addAll(c.list());
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("ancestors", ancestors);
        out.add(new ResourceStatus(ArchwayResource.API_VERSION, TrafficPolicy.KIND,
                new ResourceStatus.Metadata(p.namespace, p.name, p.generation), status, all));
    }

    /** A status rendered elsewhere (BackendTLSPolicy). */
    void resource(ResourceStatus status) {
        out.add(status);
    }

    /** An Archway kind whose status is just {@code conditions} (GraphQLApi). */
    void archwayResource(HasMetadata object, String kind, Conditions conditions) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", conditions.list());
        out.add(new ResourceStatus(ArchwayResource.API_VERSION, kind, new ResourceStatus.Metadata(
                ResourceIndex.namespaceOf(object), object.getMetadata().getName(), ResourceIndex.generationOf(object)),
                status, conditions.list()));
    }

    List<ResourceStatus> build() {
        out.sort(Comparator.comparing(ResourceStatus::kind)
                .thenComparing(r -> r.metadata().namespace() == null ? "" : r.metadata().namespace())
                .thenComparing(r -> r.metadata().name()));
        return List.copyOf(out);
    }

    private void add(HasMetadata object, String kind, String namespace, Object status, List<Condition> conditions) {
        out.add(new ResourceStatus(API_VERSION, kind,
                new ResourceStatus.Metadata(namespace, object.getMetadata().getName(), ResourceIndex.generationOf(object)),
                status, conditions));
    }
}
