package dev.archway.gatewayapi.translate;

import static dev.archway.gatewayapi.status.Reasons.*;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerEntry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ListenerSets: extra listeners for a parent Gateway, admitted by the Gateway's
 * {@code spec.allowedListeners} (default: none).
 */
final class ListenerSetPass {
    private final ResourceIndex index;
    private final GatewayPass gateways;
    private final Instant now;

    ListenerSetPass(ResourceIndex index, GatewayPass gateways, Instant now) {
        this.index = index;
        this.gateways = gateways;
        this.now = now;
    }

    /** The model of {@code set}, or null when its parent is not one of our Gateways. */
    GatewayModel listenerSet(ListenerSet set, Map<String, GatewayModel> ours) {
        var ref = set.getSpec() == null ? null : set.getSpec().getParentRef();
        if (ref == null) {
            return null;
        }
        String ns = ref.getNamespace() == null ? ResourceIndex.namespaceOf(set) : ref.getNamespace();
        GatewayModel parent = ours.get("Gateway/" + ns + "/" + ref.getName());
        if (parent == null) {
            return null;
        }
        GatewayModel model = new GatewayModel(set, "ListenerSet", new Conditions(ResourceIndex.generationOf(set), now));
        model.parent = parent;
        List<ListenerEntry> entries = set.getSpec().getListeners() == null ? List.of() : set.getSpec().getListeners();
        for (int i = 0; i < entries.size(); i++) {
            ListenerEntry e = entries.get(i);
            ListenerModel l = new ListenerModel(model, e.getName(), e.getPort(), e.getProtocol(), e.getHostname(),
                    e.getAllowedRoutes(), new Conditions(model.generation, now));
            gateways.validate(l, "spec.listeners[" + i + "]", e.getTls() == null ? null : e.getTls().getMode(),
                    e.getTls() == null ? null : e.getTls().getCertificateRefs());
            model.listeners.add(l);
        }
        if (!allowed((Gateway) parent.resource, model.namespace)) {
            model.conditions.set(ACCEPTED, false, "NotAllowed", "Gateway " + parent.namespace + "/" + parent.name
                    + " spec.allowedListeners does not admit ListenerSets from namespace " + model.namespace);
            model.accepted = false;
        } else if (!parent.accepted) {
            model.conditions.set(ACCEPTED, false, "ParentNotAccepted", "the parent Gateway is not accepted");
            model.accepted = false;
        }
        var parentTls = ((Gateway) parent.resource).getSpec().getTls();
        gateways.frontendValidation(model, parent, parentTls == null ? null : parentTls.getFrontend());
        gateways.markConflicts(model);
        gateways.finish(model);
        if (model.accepted) {
            parent.attachedListenerSets++;
        }
        return model;
    }

    private boolean allowed(Gateway parent, String ns) {
        var allowed = parent.getSpec().getAllowedListeners();
        var namespaces = allowed == null ? null : allowed.getNamespaces();
        String from = namespaces == null || namespaces.getFrom() == null ? "None" : namespaces.getFrom();
        return switch (from) {
            case "All" -> true;
            case "Same" -> ns.equals(ResourceIndex.namespaceOf(parent));
            case "Selector" -> LabelSelectors.matches(namespaces.getSelector(), index.namespaceLabels(ns));
            default -> false;
        };
    }
}
