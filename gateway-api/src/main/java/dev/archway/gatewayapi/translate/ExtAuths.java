package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.filters.ExtAuthConfig;
import dev.archway.gatewayapi.model.ExtAuthPolicy;
import dev.archway.gatewayapi.model.GatewayExtension;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code TrafficPolicy.spec.extAuth} and the GatewayExtension it names to an {@link ExtAuthConfig}.
 * Problems are messages naming the field; the policy is then Invalid and its targets fail closed.
 */
final class ExtAuths {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);
    static final int DEFAULT_STATUS_ON_ERROR = 403;
    /** A body sent for checking is held in memory per request: 1 MiB is plenty for signatures. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** Envoy's HTTP ext_authz sends these by default; without them most HTTP auth services cannot decide. */
    static final List<String> DEFAULT_HEADERS_TO_BACKEND = List.of("authorization", "cookie");

    private final GatewayExtensions extensions;

    ExtAuths(GatewayExtensions extensions) {
        this.extensions = extensions;
    }

    /** The config, or null after adding at least one problem to {@code invalid}. */
    ExtAuthConfig compile(ExtAuthPolicy policy, String namespace, String at, List<String> invalid) {
        int before = invalid.size();
        ExtAuthConfig.Body body = body(policy.withRequestBody(), at + ".withRequestBody", invalid);
        Map<String, String> context = policy.contextExtensions() == null ? Map.of() : policy.contextExtensions();
        context.forEach((k, v) -> {
            if (k == null || k.isEmpty() || v == null) {
                invalid.add(at + ".contextExtensions: every entry needs a key and a value");
            }
        });
        GatewayExtension extension = extensions.find(policy.extensionRef(), namespace, "extAuth", at + ".extensionRef",
                invalid);
        if (extension == null || invalid.size() > before) {
            return null;
        }
        GatewayExtension.ExtAuth auth = extension.getSpec().extAuth();
        String where = at + ".extensionRef: " + GatewayExtensions.describe(extension, "extAuth");
        if ((auth.grpcService() == null) == (auth.httpService() == null)) {
            invalid.add(where + ": " + (auth.grpcService() == null ? "sets neither" : "sets both")
                    + " grpcService and httpService (expected exactly one)");
            return null;
        }
        Duration timeout = GatewayExtensions.timeout(auth.timeout(), DEFAULT_TIMEOUT, where + ".timeout", invalid);
        int statusOnError = auth.statusOnError() == null ? DEFAULT_STATUS_ON_ERROR : auth.statusOnError();
        if (statusOnError < 200 || statusOnError > 599) {
            invalid.add(where + ".statusOnError: " + statusOnError + " (expected an HTTP status from 200 to 599)");
        }
        ExtAuthConfig.Http http = null;
        List<EndpointIr> endpoints;
        if (auth.grpcService() != null) {
            endpoints = extensions.endpoints(extension, auth.grpcService().backendRef(), true, where + ".grpcService",
                    invalid);
        } else {
            GatewayExtension.HttpService h = auth.httpService();
            endpoints = extensions.endpoints(extension, h.backendRef(), false, where + ".httpService", invalid);
            String prefix = h.pathPrefix() == null ? "" : h.pathPrefix();
            if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.contains("?"))) {
                invalid.add(where + ".httpService.pathPrefix: " + prefix + " (expected a path such as /check)");
            }
            http = new ExtAuthConfig.Http(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix,
                    lower(h.headersToBackend() == null ? DEFAULT_HEADERS_TO_BACKEND : h.headersToBackend()),
                    lower(h.headersToUpstream() == null ? List.of() : h.headersToUpstream()));
        }
        if (invalid.size() > before) {
            return null;
        }
        return new ExtAuthConfig(ResourceIndex.key(extension), endpoints, http, timeout,
                Boolean.TRUE.equals(auth.failOpen()), statusOnError, context, body, List.of());
    }

    private static ExtAuthConfig.Body body(ExtAuthPolicy.WithRequestBody body, String at, List<String> invalid) {
        if (body == null) {
            return null;
        }
        if (body.maxBytes() == null || body.maxBytes() < 1 || body.maxBytes() > MAX_BODY_BYTES) {
            invalid.add(at + ".maxBytes: " + body.maxBytes() + " (expected 1 to " + MAX_BODY_BYTES + ")");
            return null;
        }
        return new ExtAuthConfig.Body(body.maxBytes(), Boolean.TRUE.equals(body.allowPartial()));
    }

    static List<String> lower(List<String> names) {
        return names.stream().map(n -> n == null ? "" : n.toLowerCase(Locale.ROOT)).toList();
    }
}
