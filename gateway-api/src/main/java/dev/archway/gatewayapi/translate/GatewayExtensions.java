package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.model.ArchwayResource;
import dev.archway.gatewayapi.model.GatewayExtension;
import dev.archway.gatewayapi.model.RateLimitPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The GatewayExtensions policies name: finding one of the right sort, resolving its service like a
 * route's backendRef (ReferenceGrants from GatewayExtension), reading its timeout. Problems are
 * messages naming the policy field and the extension's field.
 */
final class GatewayExtensions {
    /** Longer waits would hold requests (and their connections) hostage to a sick service. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

    private final ResourceIndex index;
    private final BackendResolver backends;

    GatewayExtensions(ResourceIndex index, BackendResolver backends) {
        this.index = index;
        this.backends = backends;
    }

    /**
     * The extension {@code ref} names in {@code namespace}, which must set {@code section}
     * ({@code extAuth} or {@code rateLimit}) and nothing else; null after adding a problem.
     */
    GatewayExtension find(RateLimitPolicy.ExtensionRef ref, String namespace, String section, String at,
            List<String> invalid) {
        if (ref == null || ref.name() == null || ref.name().isEmpty()) {
            invalid.add(at + ": missing (expected the name of a GatewayExtension with spec." + section + ")");
            return null;
        }
        String key = namespace + "/" + ref.name();
        GatewayExtension extension = index.gatewayExtension(namespace, ref.name());
        if (extension == null) {
            invalid.add(at + ": GatewayExtension " + key + " not found");
            return null;
        }
        GatewayExtension.Spec spec = extension.getSpec();
        boolean hasAuth = spec != null && spec.extAuth() != null;
        boolean hasLimit = spec != null && spec.rateLimit() != null;
        if (hasAuth && hasLimit) {
            invalid.add(at + ": GatewayExtension " + key + " sets both extAuth and rateLimit (expected exactly one)");
            return null;
        }
        if (section.equals("extAuth") ? !hasAuth : !hasLimit) {
            invalid.add(at + ": GatewayExtension " + key + " has no spec." + section);
            return null;
        }
        return extension;
    }

    /** The ready endpoints of the extension's service (h2c for gRPC), or empty after adding a problem. */
    List<EndpointIr> endpoints(GatewayExtension extension, GatewayExtension.BackendRef ref, boolean grpc, String at,
            List<String> invalid) {
        if (ref == null || ref.name() == null) {
            invalid.add(at + ".backendRef: missing (expected a Service or Backend)");
            return List.of();
        }
        BackendResolver.Resolution resolved = backends.resolve(at + ".backendRef", ArchwayResource.GROUP,
                GatewayExtension.KIND, ResourceIndex.namespaceOf(extension), ref.group(), ref.kind(), ref.namespace(),
                ref.name(), ref.port(), grpc);
        if (!resolved.ok()) {
            invalid.add(resolved.message());
            return List.of();
        }
        ClusterIr cluster = backends.cluster(resolved.cluster());
        return cluster == null ? List.of() : cluster.endpoints();
    }

    /** {@code given} as a duration from 1ms to 10s, {@code fallback} when absent, null after adding a problem. */
    static Duration timeout(String given, Duration fallback, String at, List<String> invalid) {
        if (given == null) {
            return fallback;
        }
        Duration timeout = Durations.parse(given);
        if (timeout == null || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            invalid.add(at + ": " + given + " (expected a duration from 1ms to 10s, e.g. " + fallback.toMillis() + "ms)");
            return null;
        }
        return timeout;
    }

    /** {@code GatewayExtension ns/name spec.<section>}, the prefix of messages about its fields. */
    static String describe(GatewayExtension extension, String section) {
        return "GatewayExtension " + ResourceIndex.key(extension) + " spec." + section;
    }
}
