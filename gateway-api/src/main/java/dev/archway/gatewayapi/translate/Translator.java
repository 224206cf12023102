package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.ClusterIr;
import static dev.archway.gatewayapi.status.Reasons.*;

import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.source.ResourceSet;
import dev.archway.gatewayapi.status.StatusReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a {@link ResourceSet} into a snapshot and status, in named passes:
 * <ol>
 *   <li>gateway classes: which are ours;</li>
 *   <li>gateways and listener sets: addresses, listeners, certificates, conflicts;</li>
 *   <li>routes: rules to route matches, backends to clusters, then parent attachment;</li>
 *   <li>policies: TrafficPolicies merged onto each route on each listener;</li>
 *   <li>assembly: ports, listeners and virtual hosts in precedence order;</li>
 *   <li>status: every condition, as the status subresources would hold it.</li>
 * </ol>
 * Pure: no I/O, no clock (conditions get {@code now}), and bad input becomes conditions.
 */
public final class Translator {
    private static final Comparator<HasMetadata> OLDEST_FIRST = Comparator
            .comparing((HasMetadata o) -> o.getMetadata().getCreationTimestamp() == null ? "" : o.getMetadata().getCreationTimestamp())
            .thenComparing(ResourceIndex::namespaceOf)
            .thenComparing(o -> o.getMetadata().getName());

    private final TranslatorOptions options;

    public Translator(TranslatorOptions options) {
        this.options = options;
    }

    /**
     * Translates {@code resources}. The same input and {@code now} always give the same output.
     *
     * @param now the time written as {@code lastTransitionTime} of conditions
     */
    public Translation translate(ResourceSet resources, Instant now) {
        ResourceIndex index = new ResourceIndex(resources);
        ReferenceGrants grants = new ReferenceGrants(resources.referenceGrants());
        StatusBuilder status = new StatusBuilder();

        // Pass 1: gateway classes.
        Set<String> ours = new HashSet<>();
        Set<String> known = new HashSet<>();
        for (GatewayClass gc : sorted(resources.gatewayClasses())) {
            known.add(gc.getMetadata().getName());
            if (gc.getSpec() != null && options.controllerName().equals(gc.getSpec().getControllerName())) {
                ours.add(gc.getMetadata().getName());
                Conditions c = new Conditions(ResourceIndex.generationOf(gc), now)
                        .set(ACCEPTED, true, REASON_ACCEPTED, "")
                        .set(SUPPORTED_VERSION, true, REASON_SUPPORTED_VERSION, "");
                status.gatewayClass(gc, c);
            }
        }

        // Pass 2: gateways, then listener sets.
        GatewayPass gatewayPass = new GatewayPass(index, grants, now);
        Map<String, GatewayModel> parents = new LinkedHashMap<>();
        List<GatewayModel> models = new ArrayList<>();
        for (Gateway gw : sorted(resources.gateways())) {
            String cls = gw.getSpec() == null ? null : gw.getSpec().getGatewayClassName();
            boolean serve = ours.contains(cls) || (options.standalone() && !known.contains(cls));
            if (gw.getSpec() == null || !serve) {
                continue;
            }
            GatewayModel model = gatewayPass.gateway(gw);
            parents.put("Gateway/" + model.namespace + "/" + model.name, model);
            models.add(model);
        }
        ListenerSetPass setPass = new ListenerSetPass(index, gatewayPass, now);
        List<GatewayModel> sets = new ArrayList<>();
        for (ListenerSet set : sorted(resources.listenerSets())) {
            GatewayModel model = setPass.listenerSet(set, parents);
            if (model != null) {
                sets.add(model);
            }
        }
        sets.forEach(s -> parents.put("ListenerSet/" + s.namespace + "/" + s.name, s));

        // Pass 3: routes (policies are compiled first: rules may name them in ExtensionRef filters).
        BackendTlsPolicies tlsPolicies = new BackendTlsPolicies(index, sorted(resources.backendTlsPolicies()));
        BackendResolver backends = new BackendResolver(index, grants, tlsPolicies);
        Policies policies = new Policies(sorted(resources.trafficPolicies()),
                new PolicyCompiler(index, options.filterCatalog(), new GatewayExtensions(index, backends)));
        FilterTranslator filters = new FilterTranslator(index, backends, options, policies);
        BackendRefTranslator backendRefs = new BackendRefTranslator(backends, filters);
        GraphQLApis graphQLApis = new GraphQLApis(index, grants, backends, options.filterCatalog());
        HttpRuleTranslator http = new HttpRuleTranslator(backendRefs, filters, graphQLApis);
        GrpcRuleTranslator grpc = new GrpcRuleTranslator(backendRefs, filters);
        RouteAttacher attacher = new RouteAttacher(index, parents, options.controllerName(), now);
        for (HTTPRoute route : sorted(resources.httpRoutes())) {
            if (route.getSpec() == null) {
                continue;
            }
            RouteProblems problems = new RouteProblems();
            List<RouteIr> irs = http.translate(route, problems);
            List<RouteParentStatus> parentStatus = attacher.attach(route, "HTTPRoute", route.getSpec().getParentRefs(),
                    route.getSpec().getHostnames(), irs, problems);
            tlsAncestors(irs, parentStatus, backends, tlsPolicies);
            if (!parentStatus.isEmpty()) {
                HTTPRouteStatus s = new HTTPRouteStatus();
                s.setParents(parentStatus);
                status.route(route, "HTTPRoute", s, parentStatus);
            }
        }
        for (GRPCRoute route : sorted(resources.grpcRoutes())) {
            if (route.getSpec() == null) {
                continue;
            }
            RouteProblems problems = new RouteProblems();
            List<RouteIr> irs = grpc.translate(route, problems);
            List<RouteParentStatus> parentStatus = attacher.attach(route, "GRPCRoute", route.getSpec().getParentRefs(),
                    route.getSpec().getHostnames(), irs, problems);
            tlsAncestors(irs, parentStatus, backends, tlsPolicies);
            if (!parentStatus.isEmpty()) {
                GRPCRouteStatus s = new GRPCRouteStatus();
                s.setParents(parentStatus);
                status.route(route, "GRPCRoute", s, parentStatus);
            }
        }

        // Pass 4: policies.
        List<GatewayModel> all = new ArrayList<>(models);
        all.addAll(sets);
        new PolicyAttacher(new PolicyTargets(policies.all, index, parents), policies.referencedByRoute).apply(all);

        // Pass 5: assembly. Pass 6: status.
        var snapshot = SnapshotAssembler.assemble(all, backends.clusters());
        models.forEach(status::gateway);
        sets.forEach(status::listenerSet);
        policies.all.forEach(p -> status.policy(p, options.controllerName(), now));
        graphQLApis.status(sorted(resources.graphQLApis()), status, now);
        tlsPolicies.status(status, options.controllerName(), now);
        return new Translation(snapshot, new StatusReport(status.build()));
    }

    /** A BackendTLSPolicy's ancestors are the parents that accepted a route sending to its backend. */
    private static void tlsAncestors(List<RouteIr> irs, List<RouteParentStatus> parents, BackendResolver backends,
            BackendTlsPolicies tlsPolicies) {
        for (RouteParentStatus parent : parents) {
            boolean accepted = parent.getConditions().stream()
                    .anyMatch(c -> ACCEPTED.equals(c.getType()) && "True".equals(c.getStatus()));
            if (!accepted) {
                continue;
            }
            for (RouteIr ir : irs) {
                for (var backend : ir.backends()) {
                    ClusterIr cluster = backends.cluster(backend.cluster());
                    if (cluster != null) {
                        tlsPolicies.usedUnder(cluster.tls(), parent.getParentRef());
                    }
                }
            }
        }
    }

    private static <T extends HasMetadata> List<T> sorted(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(OLDEST_FIRST);
        return copy;
    }
}
