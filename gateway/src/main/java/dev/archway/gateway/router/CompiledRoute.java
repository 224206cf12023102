package dev.archway.gateway.router;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.HeaderMatchIr;
import dev.archway.gatewayapi.ir.PathMatchIr;
import dev.archway.gatewayapi.ir.PathMatchType;
import dev.archway.gatewayapi.ir.QueryParamMatchIr;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.RouteMatchIr;
import java.util.List;
import java.util.Locale;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A route match ready for requests: its rank (position in the virtual host, smaller wins), its
 * conditions with regexes compiled, and what the runtime attached to it ({@code target}).
 *
 * @param <R> what the runtime serves a matched request with
 */
public final class CompiledRoute<R> {
    private final RouteIr route;
    private final int rank;
    private final R target;
    private final PathMatchType pathType;
    /** EXACT: the path; PREFIX: normalized without trailing slash ("/" for the root). */
    private final String pathValue;
    private final Pattern pathPattern;
    private final String method;
    private final StringCondition[] headers;
    private final StringCondition[] queryParams;

    private CompiledRoute(RouteIr route, int rank, R target, PathMatchType pathType, String pathValue,
            Pattern pathPattern, String method, StringCondition[] headers, StringCondition[] queryParams) {
        this.route = route;
        this.rank = rank;
        this.target = target;
        this.pathType = pathType;
        this.pathValue = pathValue;
        this.pathPattern = pathPattern;
        this.method = method;
        this.headers = headers;
        this.queryParams = queryParams;
    }

    /** @throws IllegalArgumentException naming the route when a regex does not compile */
    static <R> CompiledRoute<R> compile(RouteIr route, int rank, R target) {
        requireNonNull(route, "route");
        RouteMatchIr match = route.match();
        PathMatchIr path = match == null || match.path() == null ? new PathMatchIr(PathMatchType.PREFIX, "/") : match.path();
        PathMatchType type = path.type() == null ? PathMatchType.PREFIX : path.type();
        String value = path.value() == null ? "/" : path.value();
        Pattern pattern = null;
        if (type == PathMatchType.PREFIX) {
            value = normalizePrefix(value);
        } else if (type == PathMatchType.REGEX) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(route.name() + ": path regex '" + value + "' does not compile: "
                        + e.getDescription(), e);
            }
        }
        List<HeaderMatchIr> headerIrs = match == null ? List.of() : match.headers();
        StringCondition[] headers = new StringCondition[headerIrs.size()];
        for (int i = 0; i < headers.length; i++) {
            HeaderMatchIr h = headerIrs.get(i);
            headers[i] = StringCondition.compile(route.name() + " headers[" + i + "]",
                    h.name() == null ? null : h.name().toLowerCase(Locale.ROOT), h.type(), h.value());
        }
        List<QueryParamMatchIr> queryIrs = match == null ? List.of() : match.queryParams();
        StringCondition[] query = new StringCondition[queryIrs.size()];
        for (int i = 0; i < query.length; i++) {
            QueryParamMatchIr q = queryIrs.get(i);
            query[i] = StringCondition.compile(route.name() + " queryParams[" + i + "]", q.name(), q.type(), q.value());
        }
        String method = match == null ? null : match.method();
        return new CompiledRoute<>(route, rank, target, type, value, pattern, method, headers, query);
    }

    /** {@code /a/b/} and {@code /a/b} are the same prefix; the root stays {@code /}. */
    static String normalizePrefix(String value) {
        String v = value.isEmpty() ? "/" : value;
        int end = v.length();
        while (end > 1 && v.charAt(end - 1) == '/') {
            end--;
        }
        return v.substring(0, end);
    }

    public RouteIr route() {
        return route;
    }

    public int rank() {
        return rank;
    }

    public R target() {
        return target;
    }

    PathMatchType pathType() {
        return pathType;
    }

    String pathValue() {
        return pathValue;
    }

    boolean pathRegexMatches(String path) {
        return pathPattern.matcher(path).matches();
    }

    /** Method, header and query conditions; the path was matched by the index. */
    boolean conditionsHold(RouteRequest request) {
        if (method != null && !method.equals(request.method())) {
            return false;
        }
        for (StringCondition header : headers) {
            if (!header.test(request.header(header.name))) {
                return false;
            }
        }
        for (StringCondition param : queryParams) {
            if (!param.test(request.queryParam(param.name))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the path condition alone holds; for explanations, not the hot path. */
    boolean pathMatches(String path) {
        return switch (pathType) {
            case EXACT -> pathValue.equals(path);
            case REGEX -> pathRegexMatches(path);
            case PREFIX -> pathValue.equals("/") || path.equals(pathValue)
                    || (path.startsWith(pathValue) && path.charAt(pathValue.length()) == '/');
        };
    }

    /**
     * Why this route does not match {@code request}, or null when it does. For {@code explain};
     * the router itself never calls it.
     */
    public String mismatch(RouteRequest request) {
        if (!pathMatches(request.path())) {
            return "path " + request.path() + " does not match " + pathType + " " + pathValue;
        }
        if (method != null && !method.equals(request.method())) {
            return "method " + request.method() + " is not " + method;
        }
        for (StringCondition header : headers) {
            String actual = request.header(header.name);
            if (!header.test(actual)) {
                return "header " + header.name + (actual == null ? " is absent" : " '" + actual + "'")
                        + " (expected " + header.describe() + ")";
            }
        }
        for (StringCondition param : queryParams) {
            String actual = request.queryParam(param.name);
            if (!param.test(actual)) {
                return "query parameter " + param.name + (actual == null ? " is absent" : " '" + actual + "'")
                        + " (expected " + param.describe() + ")";
            }
        }
        return null;
    }

    /** A one-line summary of the match, e.g. {@code PREFIX /api method=GET headers=[x-a]}. */
    public String describeMatch() {
        StringBuilder out = new StringBuilder().append(pathType).append(' ').append(pathValue);
        if (method != null) {
            out.append(" method=").append(method);
        }
        for (StringCondition header : headers) {
            out.append(" header ").append(header.name).append(' ').append(header.describe());
        }
        for (StringCondition param : queryParams) {
            out.append(" query ").append(param.name).append(' ').append(param.describe());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "CompiledRoute[" + route.name() + ", rank=" + rank + "]";
    }
}
