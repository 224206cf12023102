package dev.archway.gatewayapi.source;

import dev.archway.gatewayapi.model.ArchwayResource;
import dev.archway.gatewayapi.model.Backend;
import dev.archway.gatewayapi.model.DirectResponse;
import dev.archway.gatewayapi.model.GatewayExtension;
import dev.archway.gatewayapi.model.GraphQLApi;
import dev.archway.gatewayapi.model.TrafficPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
import java.util.Optional;
import java.util.Set;

/**
 * The kinds a {@link FileSource} reads, the API versions it accepts for each, and the class each
 * is read into. Older Gateway API versions (v1beta1, v1alpha2) are read into the v1 classes: for
 * the fields Archway reads their shapes are the same.
 *
 * <p>Declaration order is the order of the lists in {@link ResourceSet}.
 */
enum ResourceKind {
    NAMESPACE("Namespace", Namespace.class, true, false, "v1"),
    GATEWAY_CLASS("GatewayClass", GatewayClass.class, true, true, Versions.GATEWAY_V1, Versions.GATEWAY_V1BETA1),
    GATEWAY("Gateway", Gateway.class, false, true, Versions.GATEWAY_V1, Versions.GATEWAY_V1BETA1),
    LISTENER_SET("ListenerSet", ListenerSet.class, false, true, Versions.GATEWAY_V1),
    HTTP_ROUTE("HTTPRoute", HTTPRoute.class, false, true, Versions.GATEWAY_V1, Versions.GATEWAY_V1BETA1),
    GRPC_ROUTE("GRPCRoute", GRPCRoute.class, false, true, Versions.GATEWAY_V1, Versions.GATEWAY_V1ALPHA2),
    REFERENCE_GRANT("ReferenceGrant", ReferenceGrant.class, false, true,
            Versions.GATEWAY_V1, Versions.GATEWAY_V1BETA1, Versions.GATEWAY_V1ALPHA2),
    SERVICE("Service", Service.class, false, true, "v1"),
    ENDPOINT_SLICE("EndpointSlice", EndpointSlice.class, false, false, "discovery.k8s.io/v1"),
    SECRET("Secret", Secret.class, false, false, "v1"),
    CONFIG_MAP("ConfigMap", ConfigMap.class, false, false, "v1"),
    BACKEND(Backend.KIND, Backend.class, false, true, ArchwayResource.API_VERSION),
    DIRECT_RESPONSE(DirectResponse.KIND, DirectResponse.class, false, true, ArchwayResource.API_VERSION),
    TRAFFIC_POLICY(TrafficPolicy.KIND, TrafficPolicy.class, false, true, ArchwayResource.API_VERSION),
    GATEWAY_EXTENSION(GatewayExtension.KIND, GatewayExtension.class, false, true, ArchwayResource.API_VERSION),
    GRAPHQL_API(GraphQLApi.KIND, GraphQLApi.class, false, true, ArchwayResource.API_VERSION),
    BACKEND_TLS_POLICY("BackendTLSPolicy", BackendTLSPolicy.class, false, true, Versions.GATEWAY_V1,
            Versions.GATEWAY_V1ALPHA3);

    private final String kind;
    private final Class<? extends HasMetadata> type;
    private final boolean clusterScoped;
    private final boolean hasSpec;
    private final Set<String> apiVersions;

    ResourceKind(String kind, Class<? extends HasMetadata> type, boolean clusterScoped, boolean hasSpec,
            String... apiVersions) {
        this.kind = kind;
        this.type = type;
        this.clusterScoped = clusterScoped;
        this.hasSpec = hasSpec;
        this.apiVersions = Set.of(apiVersions);
    }

    /** The kind read from {@code apiVersion} and {@code kind}, or empty when Archway does not read it. */
    static Optional<ResourceKind> of(String apiVersion, String kind) {
        for (ResourceKind candidate : values()) {
            if (candidate.kind.equals(kind) && candidate.apiVersions.contains(apiVersion)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The {@code kind} as written in YAML, e.g. {@code HTTPRoute}. */
    String kindName() {
        return kind;
    }

    Class<? extends HasMetadata> type() {
        return type;
    }

    boolean clusterScoped() {
        return clusterScoped;
    }

    /**
     * Whether the API server bumps {@code metadata.generation} on changes of {@code spec} only;
     * for the other kinds any change outside {@code metadata} counts.
     */
    boolean hasSpec() {
        return hasSpec;
    }

    /** Constants here because enum constructors cannot see the enum's own static fields. */
    private static final class Versions {
        static final String GATEWAY_V1 = "gateway.networking.k8s.io/v1";
        static final String GATEWAY_V1BETA1 = "gateway.networking.k8s.io/v1beta1";
        static final String GATEWAY_V1ALPHA2 = "gateway.networking.k8s.io/v1alpha2";
        static final String GATEWAY_V1ALPHA3 = "gateway.networking.k8s.io/v1alpha3";
    }
}
