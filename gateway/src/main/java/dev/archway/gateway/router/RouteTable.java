package dev.archway.gateway.router;

import dev.archway.gatewayapi.ir.RouteIr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The routes of one virtual host indexed by path. A request looks up its exact path, then each of
 * its segment prefixes from the longest ({@code /a/b/c}, {@code /a/b}, {@code /a}, {@code /}),
 * then tests the regex routes; among the candidates whose other conditions hold, the smallest
 * rank wins. Every bucket is sorted by rank, so each bucket stops at its first hit.
 */
final class RouteTable<R> {
    private final Map<String, List<CompiledRoute<R>>> exact;
    private final Map<String, List<CompiledRoute<R>>> prefixes;
    private final List<CompiledRoute<R>> regexes;
    private final List<CompiledRoute<R>> all;

    private RouteTable(Map<String, List<CompiledRoute<R>>> exact, Map<String, List<CompiledRoute<R>>> prefixes,
            List<CompiledRoute<R>> regexes, List<CompiledRoute<R>> all) {
        this.exact = exact;
        this.prefixes = prefixes;
        this.regexes = regexes;
        this.all = all;
    }

    /** {@code routes} are in precedence order: the index is the rank. */
    static <R> RouteTable<R> build(List<RouteIr> routes, Function<RouteIr, R> bind) {
        Map<String, List<CompiledRoute<R>>> exact = new HashMap<>();
        Map<String, List<CompiledRoute<R>>> prefixes = new HashMap<>();
        List<CompiledRoute<R>> regexes = new ArrayList<>();
        List<CompiledRoute<R>> all = new ArrayList<>(routes.size());
        for (int rank = 0; rank < routes.size(); rank++) {
            RouteIr route = routes.get(rank);
            CompiledRoute<R> compiled = CompiledRoute.compile(route, rank, bind.apply(route));
            all.add(compiled);
            switch (compiled.pathType()) {
                case EXACT -> exact.computeIfAbsent(compiled.pathValue(), k -> new ArrayList<>()).add(compiled);
                case PREFIX -> prefixes.computeIfAbsent(compiled.pathValue(), k -> new ArrayList<>()).add(compiled);
                case REGEX -> regexes.add(compiled);
            }
        }
        return new RouteTable<>(exact, prefixes, List.copyOf(regexes), List.copyOf(all));
    }

    List<CompiledRoute<R>> all() {
        return all;
    }

    CompiledRoute<R> select(RouteRequest request) {
        String path = request.path();
        CompiledRoute<R> best = firstHolding(exact.get(path), request, null);
        if (!prefixes.isEmpty()) {
            best = selectPrefix(path, request, best);
        }
        for (CompiledRoute<R> route : regexes) {
            if (best != null && route.rank() > best.rank()) {
                break;
            }
            if (route.pathRegexMatches(path) && route.conditionsHold(request)) {
                best = route;
                break;
            }
        }
        return best;
    }

    private CompiledRoute<R> selectPrefix(String path, RouteRequest request, CompiledRoute<R> best) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            // No segment structure (for example "*" of OPTIONS): only the root prefix applies.
            return firstHolding(prefixes.get("/"), request, best);
        }
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        while (true) {
            String candidate = end == path.length() ? path : path.substring(0, end);
            best = firstHolding(prefixes.get(candidate), request, best);
            if (end <= 1) {
                return best;
            }
            int slash = path.lastIndexOf('/', end - 1);
            end = Math.max(slash, 1);
        }
    }

    /** The first route of {@code bucket} that holds and outranks {@code best}; else {@code best}. */
    private static <R> CompiledRoute<R> firstHolding(List<CompiledRoute<R>> bucket, RouteRequest request,
            CompiledRoute<R> best) {
        if (bucket == null) {
            return best;
        }
        for (CompiledRoute<R> route : bucket) {
            if (best != null && route.rank() > best.rank()) {
                return best;
            }
            if (route.conditionsHold(request)) {
                return route;
            }
        }
        return best;
    }
}
