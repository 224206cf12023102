package dev.archway.gatewayapi.translate;

import static dev.archway.gatewayapi.status.Reasons.*;

import dev.archway.gatewayapi.ir.RouteIr;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attaches a route to the listeners its parentRefs select, as the spec orders the checks:
 * sectionName and port ({@code NoMatchingParent}), allowedRoutes namespaces and kinds
 * ({@code NotAllowedByListeners}), then hostname intersection ({@code NoMatchingListenerHostname}).
 */
final class RouteAttacher {
    private final ResourceIndex index;
    private final Map<String, GatewayModel> parents;
    private final String controllerName;
    private final Instant now;

    /** @param parents Gateways by {@code Gateway/<ns>/<name>} and ListenerSets by {@code ListenerSet/<ns>/<name>} */
    RouteAttacher(ResourceIndex index, Map<String, GatewayModel> parents, String controllerName, Instant now) {
        this.index = index;
        this.parents = parents;
        this.controllerName = controllerName;
        this.now = now;
    }

    /** Attaches and returns the status of every parentRef that names one of our parents. */
    List<RouteParentStatus> attach(HasMetadata route, String kind, List<ParentReference> parentRefs, List<String> hostnames,
            List<RouteIr> irs, RouteProblems problems) {
        String routeNs = ResourceIndex.namespaceOf(route);
        long generation = ResourceIndex.generationOf(route);
        List<RouteParentStatus> statuses = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ParentReference ref : parentRefs == null ? List.<ParentReference>of() : parentRefs) {
            String group = ref.getGroup() == null ? GatewayPass.GATEWAY_GROUP : ref.getGroup();
            String parentKind = ref.getKind() == null ? "Gateway" : ref.getKind();
            String ns = ref.getNamespace() == null ? routeNs : ref.getNamespace();
            GatewayModel parent = group.equals(GatewayPass.GATEWAY_GROUP) ? parents.get(parentKind + "/" + ns + "/" + ref.getName()) : null;
            if (parent == null || !seen.add(parentKind + "/" + ns + "/" + ref.getName() + "/" + ref.getSectionName() + "/" + ref.getPort())) {
                continue; // not ours: another controller writes that status
            }
            Conditions c = new Conditions(generation, now);
            attachToParent(route, kind, routeNs, ref, parent, hostnames, irs, problems, c);
            if (problems.refReason != null) {
                c.set(RESOLVED_REFS, false, problems.refReason, problems.refMessage);
            }
            c.set(RESOLVED_REFS, true, REASON_RESOLVED_REFS, "");
            if (!problems.invalid.isEmpty() && !problems.allRulesDropped()) {
                c.set(PARTIALLY_INVALID, true, UNSUPPORTED_VALUE, String.join("; ", problems.invalid));
            }
            RouteParentStatus status = new RouteParentStatus();
            ParentReference shown = new ParentReference();
            shown.setGroup(group);
            shown.setKind(parentKind);
            shown.setNamespace(ns);
            shown.setName(ref.getName());
            shown.setSectionName(ref.getSectionName());
            shown.setPort(ref.getPort());
            status.setParentRef(shown);
            status.setControllerName(controllerName);
            status.setConditions(c.list());
            statuses.add(status);
        }
        return statuses;
    }

    private void attachToParent(HasMetadata route, String kind, String routeNs, ParentReference ref, GatewayModel parent,
            List<String> hostnames, List<RouteIr> irs, RouteProblems problems, Conditions c) {
        List<ListenerModel> candidates = new ArrayList<>();
        for (ListenerModel l : parent.listeners) {
            if ((ref.getSectionName() == null || ref.getSectionName().equals(l.name))
                    && (ref.getPort() == null || ref.getPort() == l.port)) {
                candidates.add(l);
            }
        }
        if (candidates.isEmpty()) {
            c.set(ACCEPTED, false, NO_MATCHING_PARENT, "no listener of " + parent.ref + " matches"
                    + (ref.getSectionName() != null ? " sectionName " + ref.getSectionName() : "")
                    + (ref.getPort() != null ? " port " + ref.getPort() : ""));
            return;
        }
        List<ListenerModel> allowed = candidates.stream().filter(l -> allows(l, kind, routeNs)).toList();
        if (allowed.isEmpty()) {
            c.set(ACCEPTED, false, NOT_ALLOWED_BY_LISTENERS, "the allowedRoutes of the selected listeners of " + parent.ref
                    + " do not admit a " + kind + " from namespace " + routeNs);
            return;
        }
        if (problems.allRulesDropped()) {
            c.set(ACCEPTED, false, UNSUPPORTED_VALUE, "no rule is valid: " + String.join("; ", problems.invalid));
            return;
        }
        List<String> routeHosts = hostnames == null || hostnames.isEmpty()
                ? List.of(Hostnames.ANY) : hostnames.stream().map(Hostnames::normalize).toList();
        boolean attached = false;
        String created = route.getMetadata().getCreationTimestamp() == null ? "" : route.getMetadata().getCreationTimestamp();
        String key = routeNs + "/" + route.getMetadata().getName();
        for (ListenerModel l : allowed) {
            Set<String> hosts = new LinkedHashSet<>();
            for (String h : routeHosts) {
                String i = Hostnames.intersect(l.hostname, h);
                if (i != null) {
                    hosts.add(i);
                }
            }
            if (hosts.isEmpty()) {
                continue;
            }
            attached = true;
            l.attachedRoutes++;
            for (String h : hosts) {
                for (RouteIr ir : irs) {
                    l.routes.add(new RouteEntry(h, ir, created, key, ir.ruleIndex() * 1000 + matchIndex(ir)));
                }
            }
        }
        if (!attached) {
            c.set(ACCEPTED, false, NO_MATCHING_LISTENER_HOSTNAME, "no hostname of the route intersects a listener hostname of "
                    + parent.ref);
            return;
        }
        c.set(ACCEPTED, true, REASON_ACCEPTED, "");
    }

    private boolean allows(ListenerModel l, String kind, String routeNs) {
        if (!l.attachable || l.supportedKinds.stream().noneMatch(k -> k.getKind().equals(kind))) {
            return false;
        }
        var ns = l.allowedRoutes == null ? null : l.allowedRoutes.getNamespaces();
        String from = ns == null || ns.getFrom() == null ? "Same" : ns.getFrom();
        return switch (from) {
            case "All" -> true;
            case "Same" -> routeNs.equals(l.owner.namespace);
            case "Selector" -> LabelSelectors.matches(ns.getSelector(), index.namespaceLabels(routeNs));
            default -> false;
        };
    }

    private static int matchIndex(RouteIr ir) {
        String name = ir.name();
        return Integer.parseInt(name.substring(name.lastIndexOf('/') + 1));
    }
}
