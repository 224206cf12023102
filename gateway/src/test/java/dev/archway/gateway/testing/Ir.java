package dev.archway.gateway.testing;

import dev.archway.gatewayapi.ir.ClientValidationIr;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.HeaderMatchIr;
import dev.archway.gatewayapi.ir.ListenerIr;
import dev.archway.gatewayapi.ir.ListenerProtocol;
import dev.archway.gatewayapi.ir.PathMatchIr;
import dev.archway.gatewayapi.ir.PathMatchType;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.QueryParamMatchIr;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.RouteMatchIr;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.SourceRef;
import dev.archway.gatewayapi.ir.TimeoutsIr;
import dev.archway.gatewayapi.ir.TlsCertificateIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import dev.archway.gatewayapi.ir.VirtualHostIr;
import dev.archway.gatewayapi.ir.WeightedBackendIr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Short constructors for snapshot records, so tests read like the config they stand for. */
public final class Ir {
    private static final SourceRef ROUTE_SOURCE = new SourceRef("HTTPRoute", "default", "test");
    private static final SourceRef GATEWAY_SOURCE = new SourceRef("Gateway", "default", "gw");

    private Ir() {}

    public static Snapshot snapshot(List<PortIr> ports, ClusterIr... clusters) {
        Map<String, ClusterIr> byName = new TreeMap<>();
        for (ClusterIr cluster : clusters) {
            byName.put(cluster.name(), cluster);
        }
        return new Snapshot(1, ports, new TreeMap<>(byName));
    }

    public static PortIr httpPort(int port, ListenerIr... listeners) {
        return new PortIr("127.0.0.1:" + port, "127.0.0.1", port, ListenerProtocol.HTTP, List.of(), Arrays.asList(listeners), null);
    }

    public static PortIr httpsPort(int port, List<TlsCertificateIr> certificates, ListenerIr... listeners) {
        return new PortIr("127.0.0.1:" + port, "127.0.0.1", port, ListenerProtocol.HTTPS, certificates,
                Arrays.asList(listeners), null);
    }

    public static PortIr httpsPort(int port, List<TlsCertificateIr> certificates, ClientValidationIr validation,
            ListenerIr... listeners) {
        return new PortIr("127.0.0.1:" + port, "127.0.0.1", port, ListenerProtocol.HTTPS, certificates,
                Arrays.asList(listeners), validation);
    }

    public static ListenerIr listener(String name, String hostname, VirtualHostIr... hosts) {
        return new ListenerIr("gateway/default/gw/listener/" + name, GATEWAY_SOURCE, name, hostname, Arrays.asList(hosts));
    }

    public static VirtualHostIr vhost(String hostname, RouteIr... routes) {
        return new VirtualHostIr("vhost/" + hostname, hostname, Arrays.asList(routes));
    }

    public static RouteMatchIr prefix(String value) {
        return new RouteMatchIr(new PathMatchIr(PathMatchType.PREFIX, value), null, List.of(), List.of());
    }

    public static RouteMatchIr exact(String value) {
        return new RouteMatchIr(new PathMatchIr(PathMatchType.EXACT, value), null, List.of(), List.of());
    }

    public static RouteMatchIr regex(String value) {
        return new RouteMatchIr(new PathMatchIr(PathMatchType.REGEX, value), null, List.of(), List.of());
    }

    public static RouteMatchIr withMethod(RouteMatchIr match, String method) {
        return new RouteMatchIr(match.path(), method, match.headers(), match.queryParams());
    }

    public static RouteMatchIr withHeader(RouteMatchIr match, HeaderMatchIr header) {
        List<HeaderMatchIr> headers = new ArrayList<>(match.headers());
        headers.add(header);
        return new RouteMatchIr(match.path(), match.method(), headers, match.queryParams());
    }

    public static RouteMatchIr withQuery(RouteMatchIr match, QueryParamMatchIr param) {
        List<QueryParamMatchIr> params = new ArrayList<>(match.queryParams());
        params.add(param);
        return new RouteMatchIr(match.path(), match.method(), match.headers(), params);
    }

    /** A route to the given backends (no filters, no timeouts). */
    public static RouteIr route(String name, RouteMatchIr match, WeightedBackendIr... backends) {
        return new RouteIr(name, ROUTE_SOURCE, 0, null, match, List.of(), Arrays.asList(backends), TimeoutsIr.NONE, null);
    }

    public static RouteIr withFilters(RouteIr route, FilterSpec... filters) {
        return new RouteIr(route.name(), route.source(), route.ruleIndex(), route.ruleName(), route.match(),
                Arrays.asList(filters), route.backends(), route.timeouts(), route.failure());
    }

    public static RouteIr withTimeouts(RouteIr route, TimeoutsIr timeouts) {
        return new RouteIr(route.name(), route.source(), route.ruleIndex(), route.ruleName(), route.match(),
                route.filters(), route.backends(), timeouts, route.failure());
    }

    public static RouteIr withFailure(RouteIr route, String failure) {
        return new RouteIr(route.name(), route.source(), route.ruleIndex(), route.ruleName(), route.match(),
                route.filters(), route.backends(), route.timeouts(), failure);
    }

    public static WeightedBackendIr backend(String cluster, int weight, FilterSpec... filters) {
        return new WeightedBackendIr("backend/" + cluster, cluster, weight, Arrays.asList(filters));
    }

    public static ClusterIr cluster(String name, UpstreamProtocol protocol, EndpointIr... endpoints) {
        return new ClusterIr(name, new SourceRef("Service", "default", name), protocol, Arrays.asList(endpoints));
    }

    public static EndpointIr endpoint(int port) {
        return new EndpointIr("127.0.0.1", port);
    }
}
