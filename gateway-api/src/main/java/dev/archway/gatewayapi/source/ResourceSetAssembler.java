package dev.archway.gatewayapi.source;

import dev.archway.gatewayapi.model.Backend;
import dev.archway.gatewayapi.model.DirectResponse;
import dev.archway.gatewayapi.model.GatewayExtension;
import dev.archway.gatewayapi.model.GraphQLApi;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import dev.archway.gatewayapi.model.TrafficPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts the objects of one read into a {@link ResourceSet}: duplicates dropped, lists sorted. */
final class ResourceSetAssembler {
    /** Namespace, then name; cluster-scoped objects have no namespace and sort by name alone. */
    private static final Comparator<HasMetadata> ORDER = Comparator
            .comparing((HasMetadata object) -> nullToEmpty(object.getMetadata().getNamespace()))
            .thenComparing(object -> object.getMetadata().getName());

    private ResourceSetAssembler() {}

    /**
     * The objects of {@code resources} (in read order) with only the first definition of each
     * kind/namespace/name kept; every later one becomes a problem that names both places.
     */
    static List<ParsedResource> withoutDuplicates(List<ParsedResource> resources, List<SourceProblem> problems) {
        Map<ObjectKey, ParsedResource> first = new LinkedHashMap<>();
        for (ParsedResource resource : resources) {
            ParsedResource earlier = first.putIfAbsent(resource.key(), resource);
            if (earlier != null) {
                problems.add(new SourceProblem(resource.file(), resource.line(), resource.column(),
                        resource.key() + " is already defined at " + earlier.where()
                                + "; this definition is ignored"));
            }
        }
        return new ArrayList<>(first.values());
    }

    static ResourceSet assemble(List<ParsedResource> resources) {
        Map<ResourceKind, List<HasMetadata>> byKind = new EnumMap<>(ResourceKind.class);
        for (ResourceKind kind : ResourceKind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        for (ParsedResource resource : resources) {
            byKind.get(resource.kind()).add(resource.object());
        }
        byKind.values().forEach(list -> list.sort(ORDER));
        return new ResourceSet(
                typed(byKind, ResourceKind.NAMESPACE, Namespace.class),
                typed(byKind, ResourceKind.GATEWAY_CLASS, GatewayClass.class),
                typed(byKind, ResourceKind.GATEWAY, Gateway.class),
                typed(byKind, ResourceKind.LISTENER_SET, ListenerSet.class),
                typed(byKind, ResourceKind.HTTP_ROUTE, HTTPRoute.class),
                typed(byKind, ResourceKind.GRPC_ROUTE, GRPCRoute.class),
                typed(byKind, ResourceKind.REFERENCE_GRANT, ReferenceGrant.class),
                typed(byKind, ResourceKind.SERVICE, Service.class),
                typed(byKind, ResourceKind.ENDPOINT_SLICE, EndpointSlice.class),
                typed(byKind, ResourceKind.SECRET, Secret.class),
                typed(byKind, ResourceKind.CONFIG_MAP, ConfigMap.class),
                typed(byKind, ResourceKind.BACKEND, Backend.class),
                typed(byKind, ResourceKind.DIRECT_RESPONSE, DirectResponse.class),
                typed(byKind, ResourceKind.TRAFFIC_POLICY, TrafficPolicy.class),
                typed(byKind, ResourceKind.GATEWAY_EXTENSION, GatewayExtension.class),
                typed(byKind, ResourceKind.GRAPHQL_API, GraphQLApi.class),
                typed(byKind, ResourceKind.BACKEND_TLS_POLICY, BackendTLSPolicy.class));
    }

    private static <T> List<T> typed(Map<ResourceKind, List<HasMetadata>> byKind, ResourceKind kind, Class<T> type) {
        return byKind.get(kind).stream().map(type::cast).toList();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
