package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.HeaderMatchIr;
import dev.archway.gatewayapi.ir.PathMatchIr;
import dev.archway.gatewayapi.ir.PathMatchType;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.RouteMatchIr;
import dev.archway.gatewayapi.ir.SourceRef;
import dev.archway.gatewayapi.ir.TimeoutsIr;
import dev.archway.gatewayapi.ir.WeightedBackendIr;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCMethodMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import java.util.ArrayList;
import java.util.List;
import com.google.re2j.Pattern;

/**
 * GRPCRoute rules to {@link RouteIr}s. A gRPC method is the HTTP/2 path {@code /<service>/<method>},
 * so service/method matches become path matches and the rest is shared with HTTPRoute.
 */
final class GrpcRuleTranslator {
    private final BackendRefTranslator backendRefs;
    private final FilterTranslator filters;

    GrpcRuleTranslator(BackendRefTranslator backendRefs, FilterTranslator filters) {
        this.backendRefs = backendRefs;
        this.filters = filters;
    }

    List<RouteIr> translate(GRPCRoute route, RouteProblems problems) {
        String ns = ResourceIndex.namespaceOf(route);
        String base = "grpcroute/" + ns + "/" + route.getMetadata().getName();
        SourceRef source = new SourceRef("GRPCRoute", ns, route.getMetadata().getName());
        List<GRPCRouteRule> rules = route.getSpec().getRules() == null ? List.of() : route.getSpec().getRules();
        problems.rules = rules.size();
        List<RouteIr> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            GRPCRouteRule rule = rules.get(i);
            String at = "spec.rules[" + i + "]";
            String ruleName = base + "/rule/" + i;
            List<WeightedBackendIr> weighted = new ArrayList<>();
            List<GRPCBackendRef> refs = rule.getBackendRefs() == null ? List.of() : rule.getBackendRefs();
            for (int j = 0; j < refs.size(); j++) {
                GRPCBackendRef r = refs.get(j);
                weighted.add(backendRefs.translate(new BackendRefTranslator.Ref(r.getGroup(), r.getKind(), r.getNamespace(),
                        r.getName(), r.getPort(), r.getWeight(), asHttp(r.getFilters())), at + ".backendRefs[" + j + "]",
                        ruleName + "/backend/" + j, "GRPCRoute", ns, true, problems));
            }
            var fr = filters.translate(asHttp(rule.getFilters()), at, ruleName, "GRPCRoute", ns, null, source, problems);
            List<GRPCRouteMatch> matches = rule.getMatches() == null || rule.getMatches().isEmpty()
                    ? List.of(new GRPCRouteMatch()) : rule.getMatches();
            int before = out.size();
            for (int j = 0; j < matches.size(); j++) {
                RouteMatchIr match = match(matches.get(j), at + ".matches[" + j + "]", problems);
                if (match != null) {
                    out.add(new RouteIr(ruleName + "/match/" + j, source, i, rule.getName(), match, fr.specs(), weighted,
                            TimeoutsIr.NONE, fr.failure()));
                }
            }
            if (out.size() == before) {
                problems.droppedRules++;
            }
        }
        return out;
    }

    private static RouteMatchIr match(GRPCRouteMatch m, String at, RouteProblems problems) {
        PathMatchIr path = path(m.getMethod(), at + ".method", problems);
        if (path == null) {
            return null;
        }
        List<HeaderMatchIr> headers = new ArrayList<>();
        var hs = m.getHeaders() == null ? List.<io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCHeaderMatch>of() : m.getHeaders();
        for (int k = 0; k < hs.size(); k++) {
            var h = Matches.header(hs.get(k).getType(), hs.get(k).getName(), hs.get(k).getValue(), at + ".headers[" + k + "]");
            if (h.problem() != null) {
                problems.invalid(h.problem());
                return null;
            }
            headers.add(h.value());
        }
        return new RouteMatchIr(path, null, headers, List.of());
    }

    private static PathMatchIr path(GRPCMethodMatch m, String at, RouteProblems problems) {
        if (m == null || (empty(m.getService()) && empty(m.getMethod()))) {
            return new PathMatchIr(PathMatchType.PREFIX, "/");
        }
        boolean regex = "RegularExpression".equals(m.getType());
        if (!regex && m.getType() != null && !m.getType().equals("Exact")) {
            problems.invalid(at + ".type: " + m.getType() + " is not supported (expected: Exact or RegularExpression)");
            return null;
        }
        if (regex) {
            String service = empty(m.getService()) ? "[^/]+" : m.getService();
            String method = empty(m.getMethod()) ? "[^/]+" : m.getMethod();
            String re = "/" + service + "/" + method;
            try {
                Pattern.compile(re);
            } catch (com.google.re2j.PatternSyntaxException e) {
                problems.invalid(at + ": invalid regular expression " + re);
                return null;
            }
            return new PathMatchIr(PathMatchType.REGEX, re);
        }
        if (empty(m.getMethod())) {
            return new PathMatchIr(PathMatchType.PREFIX, "/" + m.getService());
        }
        if (empty(m.getService())) {
            return new PathMatchIr(PathMatchType.REGEX, "/[^/]+/" + Pattern.quote(m.getMethod()));
        }
        return new PathMatchIr(PathMatchType.EXACT, "/" + m.getService() + "/" + m.getMethod());
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    /** GRPCRouteFilter has a subset of HTTPRouteFilter's fields, with the same meaning. */
    private static List<HTTPRouteFilter> asHttp(List<GRPCRouteFilter> grpc) {
        List<HTTPRouteFilter> out = new ArrayList<>();
        if (grpc != null) {
            for (GRPCRouteFilter g : grpc) {
                HTTPRouteFilter f = new HTTPRouteFilter();
                f.setType(g.getType());
                f.setRequestHeaderModifier(g.getRequestHeaderModifier());
                f.setResponseHeaderModifier(g.getResponseHeaderModifier());
                f.setRequestMirror(g.getRequestMirror());
                f.setExtensionRef(g.getExtensionRef());
                out.add(f);
            }
        }
        return out;
    }
}
