package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.HeaderMatchIr;
import dev.archway.gatewayapi.ir.PathMatchIr;
import dev.archway.gatewayapi.ir.QueryParamMatchIr;
import dev.archway.gatewayapi.ir.RetryIr;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.RouteMatchIr;
import dev.archway.gatewayapi.ir.SourceRef;
import dev.archway.gatewayapi.ir.TimeoutsIr;
import dev.archway.gatewayapi.ir.WeightedBackendIr;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRetry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The rules of one HTTPRoute to {@link RouteIr}s, one per match, independent of listeners. */
final class HttpRuleTranslator {
    private final BackendRefTranslator backendRefs;
    private final FilterTranslator filters;
    private final GraphQLApis graphQLApis;

    HttpRuleTranslator(BackendRefTranslator backendRefs, FilterTranslator filters, GraphQLApis graphQLApis) {
        this.backendRefs = backendRefs;
        this.filters = filters;
        this.graphQLApis = graphQLApis;
    }

    List<RouteIr> translate(HTTPRoute route, RouteProblems problems) {
        String ns = ResourceIndex.namespaceOf(route);
        String base = "httproute/" + ns + "/" + route.getMetadata().getName();
        SourceRef source = new SourceRef("HTTPRoute", ns, route.getMetadata().getName());
        List<HTTPRouteRule> rules = route.getSpec().getRules() == null ? List.of() : route.getSpec().getRules();
        List<RouteIr> out = new ArrayList<>();
        problems.rules = rules.size();
        for (int i = 0; i < rules.size(); i++) {
            HTTPRouteRule rule = rules.get(i);
            String at = "spec.rules[" + i + "]";
            String ruleName = base + "/rule/" + i;
            List<RouteIr> produced = rule(rule, i, at, ruleName, ns, source, problems);
            if (produced.isEmpty()) {
                problems.droppedRules++;
            }
            out.addAll(produced);
        }
        return out;
    }

    private List<RouteIr> rule(HTTPRouteRule rule, int i, String at, String ruleName, String ns, SourceRef source,
            RouteProblems problems) {
        TimeoutsIr timeouts = TimeoutsIr.NONE;
        if (rule.getTimeouts() != null) {
            Duration request = parse(rule.getTimeouts().getRequest(), at + ".timeouts.request", problems);
            Duration backend = parse(rule.getTimeouts().getBackendRequest(), at + ".timeouts.backendRequest", problems);
            if (request != null && backend != null && backend.compareTo(request) > 0) {
                problems.invalid(at + ".timeouts.backendRequest: must not be longer than timeouts.request");
                return List.of();
            }
            timeouts = new TimeoutsIr(zeroIsNone(request), zeroIsNone(backend));
        }
        RetryIr retry = null;
        if (rule.getRetry() != null) {
            retry = retry(rule.getRetry(), at + ".retry", problems);
            if (retry == null) {
                return List.of();
            }
        }
        List<WeightedBackendIr> weighted = new ArrayList<>();
        List<HTTPBackendRef> refs = rule.getBackendRefs() == null ? List.of() : rule.getBackendRefs();
        GraphQLApis.Resolution graphql = null;
        if (refs.stream().anyMatch(r -> GraphQLApis.isGraphQLApi(r.getGroup(), r.getKind()))) {
            graphql = graphQL(refs, at, ruleName, ns, problems);
            if (graphql == null) {
                return List.of();
            }
            refs = List.of();
        }
        for (int j = 0; j < refs.size(); j++) {
            HTTPBackendRef r = refs.get(j);
            weighted.add(backendRefs.translate(new BackendRefTranslator.Ref(r.getGroup(), r.getKind(), r.getNamespace(),
                    r.getName(), r.getPort(), r.getWeight(), r.getFilters()), at + ".backendRefs[" + j + "]",
                    ruleName + "/backend/" + j, "HTTPRoute", ns, false, problems));
        }
        List<HTTPRouteMatch> matches = rule.getMatches() == null || rule.getMatches().isEmpty()
                ? List.of(new HTTPRouteMatch()) : rule.getMatches();
        List<RouteIr> out = new ArrayList<>();
        for (int j = 0; j < matches.size(); j++) {
            HTTPRouteMatch m = matches.get(j);
            String mAt = at + ".matches[" + j + "]";
            RouteMatchIr match = match(m, mAt, problems);
            if (match == null) {
                continue;
            }
            var fr = filters.translate(rule.getFilters(), at, ruleName, "HTTPRoute", ns, match.path(), source, problems);
            List<FilterSpec> specs = fr.specs();
            String failure = fr.failure();
            if (graphql != null) {
                // The API answers every request itself, after the rule's own filters.
                specs = new ArrayList<>(specs);
                if (graphql.filter() != null) {
                    specs.add(graphql.filter());
                } else if (failure == null) {
                    failure = graphql.message();
                }
            }
            out.add(new RouteIr(ruleName + "/match/" + j, source, i, rule.getName(), match, specs, weighted, timeouts,
                    failure, retry));
        }
        return out;
    }

    /** A rule whose backendRef is a GraphQLApi; null when the rule is dropped as invalid. */
    private GraphQLApis.Resolution graphQL(List<HTTPBackendRef> refs, String at, String ruleName, String ns,
            RouteProblems problems) {
        if (refs.size() != 1) {
            problems.invalid(at + ".backendRefs: a GraphQLApi answers the rule's requests itself, so it must be the"
                    + " rule's only backendRef");
            return null;
        }
        HTTPBackendRef ref = refs.get(0);
        if (ref.getFilters() != null && !ref.getFilters().isEmpty()) {
            problems.invalid(at + ".backendRefs[0].filters: a GraphQLApi takes no backendRef filters (expected: the"
                    + " rule's filters)");
            return null;
        }
        var resolution = graphQLApis.resolve(at + ".backendRefs[0]", ns, ref.getNamespace(), ref.getName(),
                ruleName + "/graphql");
        if (resolution.filter() == null) {
            problems.ref(resolution.reason(), resolution.message());
        }
        return resolution;
    }

    private static RetryIr retry(HTTPRouteRetry r, String at, RouteProblems problems) {
        List<Integer> codes = r.getCodes() == null ? List.of() : r.getCodes();
        for (int k = 0; k < codes.size(); k++) {
            if (codes.get(k) == null || codes.get(k) < 400 || codes.get(k) > 599) {
                problems.invalid(at + ".codes[" + k + "]: " + codes.get(k) + " (expected: 400 to 599)");
                return null;
            }
        }
        int attempts = r.getAttempts() == null ? 1 : r.getAttempts();
        if (attempts < 0) {
            problems.invalid(at + ".attempts: " + attempts + " (expected: >= 0)");
            return null;
        }
        Duration backoff = null;
        if (r.getBackoff() != null) {
            backoff = parse(r.getBackoff(), at + ".backoff", problems);
            if (backoff == null) {
                return null;
            }
        }
        return new RetryIr(attempts, codes, zeroIsNone(backoff));
    }

    private static RouteMatchIr match(HTTPRouteMatch m, String at, RouteProblems problems) {
        var path = m.getPath() == null ? Matches.path(null, null, at + ".path")
                : Matches.path(m.getPath().getType(), m.getPath().getValue(), at + ".path");
        if (path.problem() != null) {
            problems.invalid(path.problem());
            return null;
        }
        List<HeaderMatchIr> headers = new ArrayList<>();
        List<HTTPHeaderMatch> hs = m.getHeaders() == null ? List.of() : m.getHeaders();
        for (int k = 0; k < hs.size(); k++) {
            var h = Matches.header(hs.get(k).getType(), hs.get(k).getName(), hs.get(k).getValue(), at + ".headers[" + k + "]");
            if (h.problem() != null) {
                problems.invalid(h.problem());
                return null;
            }
            headers.add(h.value());
        }
        List<QueryParamMatchIr> query = new ArrayList<>();
        List<HTTPQueryParamMatch> qs = m.getQueryParams() == null ? List.of() : m.getQueryParams();
        for (int k = 0; k < qs.size(); k++) {
            var q = Matches.query(qs.get(k).getType(), qs.get(k).getName(), qs.get(k).getValue(), at + ".queryParams[" + k + "]");
            if (q.problem() != null) {
                problems.invalid(q.problem());
                return null;
            }
            query.add(q.value());
        }
        PathMatchIr p = path.value();
        return new RouteMatchIr(p, m.getMethod(), headers, query);
    }

    private static Duration parse(String text, String at, RouteProblems problems) {
        if (text == null) {
            return null;
        }
        Duration d = Durations.parse(text);
        if (d == null) {
            problems.invalid(at + ": " + text + " is not a duration (expected e.g. 500ms, 10s, 1m30s)");
        }
        return d;
    }

    /** A zero timeout means "no timeout" in Gateway API. */
    private static Duration zeroIsNone(Duration d) {
        return d == null || d.isZero() ? null : d;
    }
}
