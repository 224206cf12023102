package dev.archway.gateway.cli;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.router.CompiledRoute;
import dev.archway.gateway.router.Hostnames;
import dev.archway.gateway.router.PortRouter;
import dev.archway.gateway.router.RequestPaths;
import dev.archway.gateway.router.RouteRequest;
import dev.archway.gateway.router.RouteSelection;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.UpstreamTlsIr;
import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.TimeoutsIr;
import dev.archway.gatewayapi.ir.WeightedBackendIr;
import dev.archway.plugins.registry.FilterRegistry;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Explains, from a snapshot alone, what the data plane would do with one request: the port,
 * listener, virtual host and route it lands on, the filters (in run order) and backends it gets,
 * and why each other route of the virtual host lost. Uses the same router as the data plane.
 */
final class Explainer {
    private final Snapshot snapshot;
    private final FilterRegistry registry;

    Explainer(Snapshot snapshot, FilterRegistry registry) {
        this.snapshot = requireNonNull(snapshot, "snapshot");
        this.registry = requireNonNull(registry, "registry");
    }

    /**
     * @param requestLine {@code METHOD URL}, e.g. {@code GET https://example.com/api?x=1}
     * @param headers {@code name: value} lines
     */
    String explain(String requestLine, List<String> headers) {
        String[] parts = requestLine.trim().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("request: '" + requestLine + "' (expected: 'METHOD URL', e.g. 'GET http://example.com/')");
        }
        String method = parts[0].toUpperCase(Locale.ROOT);
        URI uri = URI.create(parts[1]);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("URL: '" + parts[1] + "' (expected: absolute, e.g. http://example.com/path)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        MultiMap headerMap = MultiMap.caseInsensitiveMultiMap();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header: '" + header + "' (expected: 'name: value')");
            }
            headerMap.add(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        String host = Hostnames.hostOf(uri.getRawAuthority());
        String path = RequestPaths.normalize(uri.getRawPath());
        StringBuilder out = new StringBuilder();
        out.append("request:       ").append(method).append(' ').append(uri).append('\n');
        PortIr portIr = portFor(port, uri.getHost());
        if (portIr == null) {
            out.append("port:          none: no listener on port ").append(port)
                    .append(" (ports: ").append(snapshot.ports().stream().map(PortIr::name).collect(Collectors.joining(", ")))
                    .append(")\n");
            return out.toString();
        }
        out.append("port:          ").append(portIr.name()).append(" (").append(portIr.protocol()).append(")\n");
        PortRouter<RouteIr> router = PortRouter.compile(portIr, Function.identity());
        RouteSelection<RouteIr> selection = router.select(new RouteRequest(host, method, path, uri.getRawQuery(), headerMap));
        if (selection.listener() == null) {
            out.append("listener:      none for host ").append(host).append(" -> 404\n");
            return out.toString();
        }
        out.append("listener:      ").append(selection.listener().name()).append(" (hostname ")
                .append(selection.listener().hostname() == null ? "any" : selection.listener().hostname()).append(")\n");
        if (selection.virtualHost() == null) {
            out.append("virtual host:  none for host ").append(host).append(" -> 404\n");
            return out.toString();
        }
        out.append("virtual host:  ").append(selection.virtualHost().name()).append(" (hostname ")
                .append(selection.virtualHost().hostname()).append(")\n");
        RouteRequest request = new RouteRequest(host, method, path, uri.getRawQuery(), headerMap);
        if (!selection.matched()) {
            out.append("route:         none matches -> 404\n");
        } else {
            describeRoute(out, selection.route());
        }
        describeOthers(out, selection, request);
        return out.toString();
    }

    private PortIr portFor(int port, String urlHost) {
        PortIr found = null;
        for (PortIr candidate : snapshot.ports()) {
            if (candidate.port() == port) {
                if (candidate.bindAddress().equals(urlHost)) {
                    return candidate;
                }
                if (found == null) {
                    found = candidate;
                }
            }
        }
        return found;
    }

    private void describeRoute(StringBuilder out, CompiledRoute<RouteIr> compiled) {
        RouteIr route = compiled.route();
        out.append("route:         ").append(route.name()).append('\n');
        out.append("  from:        ").append(route.source()).append(", rule ").append(route.ruleIndex())
                .append(route.ruleName() == null ? "" : " (" + route.ruleName() + ")").append('\n');
        out.append("  match:       ").append(compiled.describeMatch()).append('\n');
        describePolicies(out, route.filters());
        describeFilters(out, "  filters:", route.filters());
        TimeoutsIr timeouts = route.timeouts() == null ? TimeoutsIr.NONE : route.timeouts();
        if (timeouts.request() != null || timeouts.backendRequest() != null) {
            out.append("  timeouts:    request ").append(timeouts.request() == null ? "none" : timeouts.request())
                    .append(", backendRequest ").append(timeouts.backendRequest() == null ? "none" : timeouts.backendRequest())
                    .append('\n');
        }
        if (route.failure() != null) {
            out.append("  failure:     ").append(route.failure()).append(" -> 500\n");
        }
        if (route.backends().isEmpty()) {
            out.append("  backends:    none").append(route.filters().isEmpty() ? " -> 500" : "").append('\n');
            return;
        }
        out.append("  backends:\n");
        for (WeightedBackendIr backend : route.backends()) {
            out.append("    - ").append(backend.name()).append(" weight ").append(backend.weight()).append(" -> ");
            ClusterIr cluster = backend.cluster() == null ? null : snapshot.clusters().get(backend.cluster());
            if (backend.cluster() == null) {
                out.append("unresolved (500)\n");
            } else if (cluster == null) {
                out.append("cluster ").append(backend.cluster()).append(" (missing from the snapshot: 500)\n");
            } else {
                out.append("cluster ").append(cluster.name()).append(" (").append(cluster.protocol()).append("): ")
                        .append(cluster.endpoints().isEmpty() ? "no endpoints (503)"
                                : cluster.endpoints().stream().map(Object::toString).collect(Collectors.joining(", ")))
                        .append('\n');
                transport(out, cluster);
            }
            describeFilters(out, "      filters:", backend.filters());
        }
    }

    /** How the gateway reaches the cluster when it is not plain text: TLS per policy, or an HBONE tunnel. */
    private static void transport(StringBuilder out, ClusterIr cluster) {
        if (cluster.hbone() != null) {
            out.append("      via HBONE, ").append(cluster.hbone().via()).append(": CONNECT ")
                    .append(cluster.hbone().authority() != null ? cluster.hbone().authority()
                            : "each endpoint, tunnel port " + cluster.hbone().tunnelPort())
                    .append(cluster.hbone().peerIdentityPath() != null
                            ? ", peer must be spiffe://<trust domain>" + cluster.hbone().peerIdentityPath() : "")
                    .append('\n');
        } else if (cluster.tls() != null) {
            out.append("      TLS per ").append(cluster.tls().policy()).append(": SNI ").append(cluster.tls().serverName());
            if (!cluster.tls().subjectAltNames().isEmpty()) {
                out.append(", SANs ").append(cluster.tls().subjectAltNames().stream()
                        .map(UpstreamTlsIr.SubjectAltNameIr::value).collect(Collectors.joining(", ")));
            }
            out.append(cluster.tls().systemTrust() ? ", system CAs" : "")
                    .append(cluster.tls().problem() != null ? " — unusable (503): " + cluster.tls().problem() : "")
                    .append('\n');
        }
    }

    /**
     * Which TrafficPolicy each policy filter came from. The translator names those filters
     * {@code trafficpolicy/<ns>/<name>/<field>}; a CORS filter of the route itself is named after the rule.
     */
    private static void describePolicies(StringBuilder out, List<FilterSpec> filters) {
        List<String> lines = new ArrayList<>();
        for (FilterSpec spec : filters) {
            String[] parts = spec.name().split("/");
            if (parts.length == 4 && parts[0].equals("trafficpolicy")) {
                lines.add(parts[3] + " from TrafficPolicy " + parts[1] + "/" + parts[2]);
            } else if (spec.kind().equals(FilterKinds.CORS)) {
                lines.add("cors from the route's CORS filter " + spec.name());
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        out.append("  policies:\n");
        lines.forEach(line -> out.append("    ").append(line).append('\n'));
    }

    private void describeFilters(StringBuilder out, String label, List<FilterSpec> filters) {
        if (filters.isEmpty()) {
            return;
        }
        record Ordered(FilterSpec spec, FilterStage stage) {}
        List<Ordered> ordered = new ArrayList<>();
        for (FilterSpec spec : filters) {
            ordered.add(new Ordered(spec, registry.find(spec.kind()).map(FilterFactory::stage).orElse(null)));
        }
        ordered.sort(Comparator.comparing(o -> o.stage() == null ? Integer.MAX_VALUE : o.stage().ordinal()));
        out.append(label).append(" (in run order)\n");
        for (Ordered o : ordered) {
            out.append(label.startsWith("      ") ? "        " : "    ").append(o.stage() == null ? "UNKNOWN" : o.stage())
                    .append("  ").append(o.spec().kind()).append("  ").append(o.spec().name()).append('\n');
        }
    }

    private static void describeOthers(StringBuilder out, RouteSelection<RouteIr> selection, RouteRequest request) {
        List<CompiledRoute<RouteIr>> others = selection.candidates().stream()
                .filter(candidate -> candidate != selection.route()).toList();
        if (others.isEmpty()) {
            return;
        }
        out.append("other routes of this virtual host:\n");
        for (CompiledRoute<RouteIr> other : others) {
            String why = other.mismatch(request);
            if (why == null) {
                why = "matches too, but has lower precedence (rank " + other.rank() + " after "
                        + selection.route().rank() + ")";
            }
            out.append("  - ").append(other.route().name()).append(" [").append(other.describeMatch()).append("]: ")
                    .append(why).append('\n');
        }
    }
}
