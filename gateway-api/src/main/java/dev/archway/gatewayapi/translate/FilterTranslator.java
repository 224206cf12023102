package dev.archway.gatewayapi.translate;

import static dev.archway.gatewayapi.status.Reasons.*;

import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.PathMatchIr;
import dev.archway.gatewayapi.ir.PathMatchType;
import dev.archway.gatewayapi.ir.SourceRef;
import dev.archway.gatewayapi.ir.filters.DirectResponseConfig;
import dev.archway.gatewayapi.ir.filters.ExtAuthConfig;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.HeaderModifierConfig;
import dev.archway.gatewayapi.ir.filters.HeaderValue;
import dev.archway.gatewayapi.ir.filters.PathModifier;
import dev.archway.gatewayapi.ir.filters.PathModifierType;
import dev.archway.gatewayapi.ir.filters.RequestMirrorConfig;
import dev.archway.gatewayapi.ir.filters.RequestRedirectConfig;
import dev.archway.gatewayapi.ir.filters.UrlRewriteConfig;
import dev.archway.gatewayapi.model.ArchwayResource;
import dev.archway.gatewayapi.model.DirectResponse;
import dev.archway.gatewayapi.model.TrafficPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPExternalAuthFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Gateway API route filters (and ExtensionRefs to Archway kinds) to {@link FilterSpec}s. A filter
 * that cannot be honoured makes its rule fail closed: the returned failure text is set on the
 * rule, which then answers 500.
 */
final class FilterTranslator {
    /** The specs built, or a failure that makes the rule answer 500. */
    record Result(List<FilterSpec> specs, String failure) {}

    private final ResourceIndex index;
    private final BackendResolver backends;
    private final TranslatorOptions options;
    private final Policies policies;

    FilterTranslator(ResourceIndex index, BackendResolver backends, TranslatorOptions options, Policies policies) {
        this.index = index;
        this.policies = policies;
        this.backends = backends;
        this.options = options;
    }

    /**
     * @param match the path match of the route match these filters serve (for ReplacePrefixMatch)
     * @param namePrefix e.g. {@code httproute/ns/name/rule/0}
     */
    Result translate(List<HTTPRouteFilter> filters, String path, String namePrefix, String routeKind, String routeNs,
            PathMatchIr match, RouteProblems problems) {
        return translate(filters, path, namePrefix, routeKind, routeNs, match, null, problems);
    }

    /**
     * @param rule the route whose rule these filters belong to, or null for the filters of a
     *     backendRef (where a TrafficPolicy cannot be referenced)
     */
    Result translate(List<HTTPRouteFilter> filters, String path, String namePrefix, String routeKind, String routeNs,
            PathMatchIr match, SourceRef rule, RouteProblems problems) {
        List<FilterSpec> specs = new ArrayList<>();
        String failure = null;
        for (int i = 0; i < (filters == null ? 0 : filters.size()); i++) {
            HTTPRouteFilter f = filters.get(i);
            String at = path + ".filters[" + i + "]";
            String name = namePrefix + "/filter/" + i;
            String type = f.getType() == null ? "" : f.getType();
            Object config;
            String kind;
            switch (type) {
                case "RequestHeaderModifier" -> {
                    kind = FilterKinds.REQUEST_HEADER_MODIFIER;
                    config = headers(f.getRequestHeaderModifier());
                }
                case "ResponseHeaderModifier" -> {
                    kind = FilterKinds.RESPONSE_HEADER_MODIFIER;
                    config = headers(f.getResponseHeaderModifier());
                }
                case "RequestRedirect" -> {
                    var r = f.getRequestRedirect();
                    kind = FilterKinds.REQUEST_REDIRECT;
                    PathModifier pm = r == null ? null : pathModifier(r.getPath(), match);
                    if (r != null && r.getPath() != null && pm == null) {
                        failure = invalid(problems, at + ".requestRedirect.path: ReplacePrefixMatch needs a PathPrefix match");
                        continue;
                    }
                    config = new RequestRedirectConfig(r == null ? null : r.getScheme(), r == null ? null : r.getHostname(),
                            r == null ? null : r.getPort(), pm, r == null || r.getStatusCode() == null ? 302 : r.getStatusCode());
                }
                case "URLRewrite" -> {
                    var r = f.getUrlRewrite();
                    kind = FilterKinds.URL_REWRITE;
                    PathModifier pm = r == null ? null : pathModifier(r.getPath(), match);
                    if (r != null && r.getPath() != null && pm == null) {
                        failure = invalid(problems, at + ".urlRewrite.path: ReplacePrefixMatch needs a PathPrefix match");
                        continue;
                    }
                    config = new UrlRewriteConfig(r == null ? null : r.getHostname(), pm);
                }
                case "RequestMirror" -> {
                    config = mirror(f.getRequestMirror(), at + ".requestMirror.backendRef", routeKind, routeNs, problems);
                    if (config == null) {
                        continue; // an unresolved mirror is reported in ResolvedRefs; the request itself still goes
                    }
                    kind = FilterKinds.REQUEST_MIRROR;
                }
                case "CORS" -> {
                    if (f.getCors() == null) {
                        failure = invalid(problems, at + ".cors: required when type is CORS");
                        continue;
                    }
                    kind = FilterKinds.CORS;
                    config = CorsConfigs.of(f.getCors());
                }
                case "ExternalAuth" -> {
                    config = externalAuth(f.getExternalAuth(), at + ".externalAuth", routeKind, routeNs, problems);
                    if (config == null) {
                        failure = "filter " + at + " does not resolve"; // fail closed: never skip an auth check
                        continue;
                    }
                    kind = FilterKinds.EXT_AUTH;
                }
                case "ExtensionRef" -> {
                    LocalObjectReference ref = f.getExtensionRef();
                    if (ref != null && ArchwayResource.GROUP.equals(ref.getGroup()) && TrafficPolicy.KIND.equals(ref.getKind())) {
                        String problem = policy(ref, at, rule, routeNs, specs, problems);
                        if (problem != null) {
                            failure = problem;
                        }
                        continue;
                    }
                    DirectResponse dr = ref == null ? null : extension(ref, routeNs);
                    if (dr == null) {
                        String what = ref == null ? "missing" : ref.getGroup() + "/" + ref.getKind() + " " + ref.getName();
                        boolean known = ref != null && ArchwayResource.GROUP.equals(ref.getGroup())
                                && DirectResponse.KIND.equals(ref.getKind());
                        problems.ref(known ? BACKEND_NOT_FOUND : INVALID_KIND, at + ".extensionRef: " + what
                                + (known ? " not found"
                                        : " is not supported (expected: gateway.archway.dev/DirectResponse or TrafficPolicy)"));
                        failure = "filter " + at + " does not resolve";
                        continue;
                    }
                    kind = FilterKinds.DIRECT_RESPONSE;
                    var s = dr.getSpec();
                    List<HeaderValue> hs = new ArrayList<>();
                    if (s.headers() != null) {
                        s.headers().forEach(h -> hs.add(new HeaderValue(h.name(), h.value())));
                    }
                    config = new DirectResponseConfig(s.status() == null ? 200 : s.status(), s.body() == null ? "" : s.body(), hs);
                }
                default -> {
                    failure = invalid(problems, at + ".type: " + type + " is not supported");
                    continue;
                }
            }
            List<String> errors = options.filterCatalog().validate(kind, config);
            if (!errors.isEmpty()) {
                failure = invalid(problems, at + ": " + String.join("; ", errors));
                continue;
            }
            specs.add(new FilterSpec(kind, name, config));
        }
        String twice = policyFieldSetTwice(specs, path);
        if (twice != null) {
            failure = invalid(problems, twice);
        }
        return new Result(specs, failure);
    }

    /**
     * Adds the filters of a TrafficPolicy named by an ExtensionRef (the most specific attachment:
     * its fields beat every targetRef policy). Returns the failure for the rule, or null.
     */
    private String policy(LocalObjectReference ref, String at, SourceRef rule, String ns, List<FilterSpec> specs,
            RouteProblems problems) {
        if (rule == null) {
            return invalid(problems, at + ".extensionRef: a TrafficPolicy applies to a rule, not to a backendRef");
        }
        CompiledPolicy p = policies.reference(rule, ns, ref.getName());
        if (p == null) {
            problems.ref(BACKEND_NOT_FOUND, at + ".extensionRef: " + TrafficPolicy.KIND + " " + ns + "/" + ref.getName()
                    + " not found");
            return "filter " + at + " does not resolve";
        }
        if (!p.valid()) {
            // The policy's own status says what is wrong; the rule fails closed.
            return p.describe() + " is invalid: " + String.join("; ", p.invalid);
        }
        p.specs.values().forEach(specs::addAll);
        return null;
    }

    /**
     * A policy field (cors, jwt) set twice in one rule, e.g. a CORS filter and a TrafficPolicy
     * with cors: two filters would fight over the same headers, so the rule is refused.
     */
    private static String policyFieldSetTwice(List<FilterSpec> specs, String path) {
        Map<PolicyField, String> seen = new EnumMap<>(PolicyField.class);
        for (FilterSpec spec : specs) {
            PolicyField field = PolicyField.ofFilterKind(spec.kind());
            if (field != null) {
                String setBy = setBy(field, spec);
                String earlier = seen.putIfAbsent(field, setBy);
                if (earlier != null && !earlier.equals(setBy)) {
                    return path + ".filters: " + field.field + " is set twice, by " + earlier + " and " + setBy
                            + " (expected: at most one per rule)";
                }
            }
        }
        return null;
    }

    /**
     * What set a policy field: the filter itself, or for wasm, where one policy makes a filter per
     * plugin ({@code trafficpolicy/<ns>/<name>/wasm/<plugin>}), the policy's field.
     */
    private static String setBy(PolicyField field, FilterSpec spec) {
        if (field != PolicyField.WASM) {
            return spec.name();
        }
        String[] parts = spec.name().split("/", 5);
        return parts.length < 4 ? spec.name() : String.join("/", parts[0], parts[1], parts[2], parts[3]);
    }

    private static String invalid(RouteProblems problems, String message) {
        problems.invalid(message);
        return message;
    }

    private DirectResponse extension(LocalObjectReference ref, String ns) {
        if (!ArchwayResource.GROUP.equals(ref.getGroup()) || !DirectResponse.KIND.equals(ref.getKind())) {
            return null;
        }
        DirectResponse dr = index.directResponse(ns, ref.getName());
        return dr == null || dr.getSpec() == null ? null : dr;
    }

    private RequestMirrorConfig mirror(HTTPRequestMirrorFilter m, String at, String routeKind, String ns, RouteProblems problems) {
        if (m == null || m.getBackendRef() == null) {
            problems.invalid(at + ": required");
            return null;
        }
        var ref = m.getBackendRef();
        var r = backends.resolve(at, routeKind, ns, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(),
                ref.getPort(), false);
        if (!r.ok()) {
            problems.ref(r.reason(), r.message());
            return null;
        }
        int num = 1;
        int den = 1;
        if (m.getPercent() != null) {
            num = m.getPercent();
            den = 100;
        } else if (m.getFraction() != null) {
            num = m.getFraction().getNumerator() == null ? 0 : m.getFraction().getNumerator();
            den = m.getFraction().getDenominator() == null ? 100 : m.getFraction().getDenominator();
        }
        return new RequestMirrorConfig(r.cluster(), num, den);
    }

    /**
     * The Gateway API {@code ExternalAuth} filter: the same ext auth as a TrafficPolicy's, with the
     * spec's fixed choices (200 ms, fail closed with 403, no context extensions).
     */
    private ExtAuthConfig externalAuth(HTTPExternalAuthFilter e, String at, String routeKind, String ns,
            RouteProblems problems) {
        if (e == null || e.getBackendRef() == null) {
            problems.invalid(at + ".backendRef: required");
            return null;
        }
        boolean grpc = "GRPC".equals(e.getProtocol());
        if (!grpc && !"HTTP".equals(e.getProtocol())) {
            problems.invalid(at + ".protocol: " + e.getProtocol() + " (expected GRPC or HTTP)");
            return null;
        }
        var ref = e.getBackendRef();
        var r = backends.resolve(at + ".backendRef", routeKind, ns, ref.getGroup(), ref.getKind(), ref.getNamespace(),
                ref.getName(), ref.getPort(), grpc);
        if (!r.ok()) {
            problems.ref(r.reason(), r.message());
            return null;
        }
        ExtAuthConfig.Body body = null;
        if (e.getForwardBody() != null && e.getForwardBody().getMaxSize() != null && e.getForwardBody().getMaxSize() > 0) {
            body = new ExtAuthConfig.Body(Math.min(e.getForwardBody().getMaxSize(), ExtAuths.MAX_BODY_BYTES), false);
        }
        ExtAuthConfig.Http http = null;
        List<String> grpcHeaders = List.of();
        if (grpc) {
            if (e.getGrpc() != null && e.getGrpc().getAllowedHeaders() != null) {
                grpcHeaders = ExtAuths.lower(e.getGrpc().getAllowedHeaders());
            }
        } else {
            var h = e.getHttp();
            String prefix = h == null || h.getPath() == null ? "" : h.getPath();
            List<String> toBackend = new ArrayList<>(ExtAuths.DEFAULT_HEADERS_TO_BACKEND);
            if (h != null && h.getAllowedHeaders() != null) {
                toBackend.addAll(ExtAuths.lower(h.getAllowedHeaders()));
            }
            http = new ExtAuthConfig.Http(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix,
                    toBackend, h == null || h.getAllowedResponseHeaders() == null ? List.of()
                            : ExtAuths.lower(h.getAllowedResponseHeaders()));
        }
        var cluster = backends.cluster(r.cluster());
        return new ExtAuthConfig(routeKind.toLowerCase(java.util.Locale.ROOT) + " filter " + at,
                cluster == null ? List.of() : cluster.endpoints(), http, ExtAuths.DEFAULT_TIMEOUT, false,
                ExtAuths.DEFAULT_STATUS_ON_ERROR, java.util.Map.of(), body, grpcHeaders);
    }

    private static HeaderModifierConfig headers(HTTPHeaderFilter h) {
        if (h == null) {
            return new HeaderModifierConfig(List.of(), List.of(), List.of());
        }
        return new HeaderModifierConfig(values(h.getSet()), values(h.getAdd()), h.getRemove() == null ? List.of() : h.getRemove());
    }

    private static List<HeaderValue> values(List<HTTPHeader> headers) {
        List<HeaderValue> out = new ArrayList<>();
        if (headers != null) {
            headers.forEach(h -> out.add(new HeaderValue(h.getName(), h.getValue() == null ? "" : h.getValue())));
        }
        return out;
    }

    /** The modifier for one match, or null when ReplacePrefixMatch meets a non-prefix match. */
    private static PathModifier pathModifier(HTTPPathModifier p, PathMatchIr match) {
        if (p == null) {
            return null;
        }
        if ("ReplaceFullPath".equals(p.getType())) {
            return new PathModifier(PathModifierType.REPLACE_FULL_PATH, p.getReplaceFullPath(), null);
        }
        if (match == null || match.type() != PathMatchType.PREFIX) {
            return null;
        }
        return new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, p.getReplacePrefixMatch(), match.value());
    }
}
