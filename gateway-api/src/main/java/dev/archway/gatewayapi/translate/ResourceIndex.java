package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.model.Backend;
import dev.archway.gatewayapi.model.DirectResponse;
import dev.archway.gatewayapi.model.GatewayExtension;
import dev.archway.gatewayapi.model.GraphQLApi;
import dev.archway.gatewayapi.source.ResourceSet;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Lookups by namespace and name over a {@link ResourceSet}; built once per translation. */
final class ResourceIndex {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    final ResourceSet resources;
    private final Map<String, Namespace> namespaces;
    private final Map<String, Service> services;
    private final Map<String, Secret> secrets;
    private final Map<String, ConfigMap> configMaps;
    private final Map<String, Backend> backends;
    private final Map<String, DirectResponse> directResponses;
    private final Map<String, GatewayExtension> gatewayExtensions;
    private final Map<String, GraphQLApi> graphQLApis;
    private final Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();

    ResourceIndex(ResourceSet resources) {
        this.resources = resources;
        this.namespaces = byKey(resources.namespaces(), n -> n.getMetadata().getName());
        this.services = byKey(resources.services(), ResourceIndex::key);
        this.secrets = byKey(resources.secrets(), ResourceIndex::key);
        this.configMaps = byKey(resources.configMaps(), ResourceIndex::key);
        this.backends = byKey(resources.backends(), ResourceIndex::key);
        this.directResponses = byKey(resources.directResponses(), ResourceIndex::key);
        this.gatewayExtensions = byKey(resources.gatewayExtensions(), ResourceIndex::key);
        this.graphQLApis = byKey(resources.graphQLApis(), ResourceIndex::key);
        for (EndpointSlice slice : resources.endpointSlices()) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
            if (service != null) {
                slicesByService.computeIfAbsent(slice.getMetadata().getNamespace() + "/" + service, k -> new ArrayList<>())
                        .add(slice);
            }
        }
        slicesByService.values().forEach(l -> l.sort(Comparator.comparing(s -> s.getMetadata().getName())));
    }

    static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    static String namespaceOf(HasMetadata object) {
        String ns = object.getMetadata().getNamespace();
        return ns == null ? "default" : ns;
    }

    static long generationOf(HasMetadata object) {
        Long generation = object.getMetadata().getGeneration();
        return generation == null ? 1 : generation;
    }

    /** Labels of a namespace; a namespace absent from the input has only its name label. */
    Map<String, String> namespaceLabels(String name) {
        Namespace ns = namespaces.get(name);
        Map<String, String> labels = new HashMap<>();
        if (ns != null && ns.getMetadata().getLabels() != null) {
            labels.putAll(ns.getMetadata().getLabels());
        }
        labels.putIfAbsent("kubernetes.io/metadata.name", name);
        return labels;
    }

    Service service(String ns, String name) {
        return services.get(ns + "/" + name);
    }

    Secret secret(String ns, String name) {
        return secrets.get(ns + "/" + name);
    }

    ConfigMap configMap(String ns, String name) {
        return configMaps.get(ns + "/" + name);
    }

    Backend backend(String ns, String name) {
        return backends.get(ns + "/" + name);
    }

    DirectResponse directResponse(String ns, String name) {
        return directResponses.get(ns + "/" + name);
    }

    GraphQLApi graphQLApi(String ns, String name) {
        return graphQLApis.get(ns + "/" + name);
    }

    GatewayExtension gatewayExtension(String ns, String name) {
        return gatewayExtensions.get(ns + "/" + name);
    }

    List<EndpointSlice> endpointSlices(String ns, String service) {
        return slicesByService.getOrDefault(ns + "/" + service, List.of());
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> map = new HashMap<>();
        for (T item : items) {
            map.putIfAbsent(key.apply(item), item);
        }
        return map;
    }
}
