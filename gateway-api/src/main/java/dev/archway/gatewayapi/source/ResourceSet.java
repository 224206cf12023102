package dev.archway.gatewayapi.source;

import dev.archway.gatewayapi.model.Backend;
import dev.archway.gatewayapi.model.DirectResponse;
import dev.archway.gatewayapi.model.GatewayExtension;
import dev.archway.gatewayapi.model.GraphQLApi;
import dev.archway.gatewayapi.model.TrafficPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import java.util.List;

/**
 * Everything a source read, by kind. The translator's only input besides the clock value it is
 * handed. Objects carry {@code metadata.generation} and {@code creationTimestamp} as the API
 * server would set them.
 */
public record ResourceSet(
        List<Namespace> namespaces,
        List<GatewayClass> gatewayClasses,
        List<Gateway> gateways,
        List<ListenerSet> listenerSets,
        List<HTTPRoute> httpRoutes,
        List<GRPCRoute> grpcRoutes,
        List<ReferenceGrant> referenceGrants,
        List<Service> services,
        List<EndpointSlice> endpointSlices,
        List<Secret> secrets,
        List<ConfigMap> configMaps,
        List<Backend> backends,
        List<DirectResponse> directResponses,
        List<TrafficPolicy> trafficPolicies,
        List<GatewayExtension> gatewayExtensions,
        List<GraphQLApi> graphQLApis,
        List<BackendTLSPolicy> backendTlsPolicies) {

    public ResourceSet {
        namespaces = List.copyOf(namespaces);
        gatewayClasses = List.copyOf(gatewayClasses);
        gateways = List.copyOf(gateways);
        listenerSets = List.copyOf(listenerSets);
        httpRoutes = List.copyOf(httpRoutes);
        grpcRoutes = List.copyOf(grpcRoutes);
        referenceGrants = List.copyOf(referenceGrants);
        services = List.copyOf(services);
        endpointSlices = List.copyOf(endpointSlices);
        secrets = List.copyOf(secrets);
        configMaps = List.copyOf(configMaps);
        backends = List.copyOf(backends);
        directResponses = List.copyOf(directResponses);
        trafficPolicies = List.copyOf(trafficPolicies);
        gatewayExtensions = List.copyOf(gatewayExtensions);
        graphQLApis = List.copyOf(graphQLApis);
        backendTlsPolicies = List.copyOf(backendTlsPolicies);
    }
}
