package dev.archway.gateway.metrics;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.stats.FilterStats;
import dev.archway.gatewayapi.ir.ListenerIr;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.VirtualHostIr;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The metrics of one gateway process. Meters outlive reloads (a route that stays keeps counting);
 * meters of routes removed from the config stay until the process restarts, like
 * {@link FilterStats}. Route and Gateway names come from the config, never from traffic, so the
 * number of series is bounded by the config.
 */
public final class GatewayMetrics {
    /** The content type of the Prometheus text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The route label of requests no route matched. */
    static final String NO_ROUTE = "none";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FilterDecisionMeters filterDecisions;
    private final WasmGuestMeters wasmGuests = new WasmGuestMeters(registry, dev.archway.wasm.vm.GuestMetrics.global());
    private final ConnectionMeters connections = new ConnectionMeters(registry);
    private final Counter reloadSuccesses;
    private final Counter reloadFailures;
    private final AtomicLong configVersion = new AtomicLong();
    /** Meters by gateway and route, so that a runtime built again finds the ones it had. */
    private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();
    private final Map<String, UpstreamMeters> upstreams = new ConcurrentHashMap<>();
    /** Exchanges between arrival and the end of their response; summed only when scraped. */
    private final LongAdder activeRequests = new LongAdder();

    public GatewayMetrics(FilterStats filterStats) {
        this.filterDecisions = new FilterDecisionMeters(registry, requireNonNull(filterStats, "filterStats"));
        this.reloadSuccesses = reloads("success");
        this.reloadFailures = reloads("failure");
        Gauge.builder("archway.requests.active", activeRequests, LongAdder::doubleValue)
                .description("Routed requests in progress (HTTP/2 streams included), all routes")
                .register(registry);
        Gauge.builder("archway.config.version", configVersion, AtomicLong::doubleValue)
                .description("Version of the config serving now (0 before the first)")
                .register(registry);
    }

    private Counter reloads(String result) {
        return Counter.builder("archway.config.reloads").tag("result", result)
                .description("Config changes the gateway tried to apply, by result").register(registry);
    }

    /** Open connections, client side and upstream side. */
    public ConnectionMeters connections() {
        return connections;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A config change applied (or changed nothing the data plane serves); {@code version} serves now. */
    public void reloadSucceeded(long version) {
        reloadSuccesses.increment();
        configVersion.set(version);
    }

    /** A config change was rejected; the previous config keeps serving. */
    public void reloadFailed() {
        reloadFailures.increment();
    }

    /**
     * The meters of every (Gateway, route) pair {@code snapshot} serves, resolved now so that
     * exchanges only look them up. Call it while building a runtime, off the event loop.
     */
    public RequestMetrics forSnapshot(Snapshot snapshot) {
        Map<String, Map<String, RouteMeters>> byListener = new HashMap<>();
        Map<String, RouteMeters> unroutedByListener = new HashMap<>();
        Map<String, RouteMeters> unroutedByPort = new HashMap<>();
        for (PortIr port : snapshot.ports()) {
            unroutedByPort.put(port.name(), meters(port.name(), NO_ROUTE));
            for (ListenerIr listener : port.listeners()) {
                String gateway = gatewayOf(listener);
                unroutedByListener.put(listener.name(), meters(gateway, NO_ROUTE));
                Map<String, RouteMeters> routesOfListener =
                        byListener.computeIfAbsent(listener.name(), n -> new HashMap<>());
                for (VirtualHostIr host : listener.virtualHosts()) {
                    for (RouteIr route : host.routes()) {
                        routesOfListener.computeIfAbsent(route.name(), r -> meters(gateway, r));
                    }
                }
            }
        }
        Map<String, UpstreamMeters> clusters = new HashMap<>();
        for (String cluster : snapshot.clusters().keySet()) {
            clusters.put(cluster, upstreams.computeIfAbsent(cluster, c -> new UpstreamMeters(registry, c)));
        }
        return new RequestMetrics(this, byListener, unroutedByListener, unroutedByPort, meters(NO_ROUTE, NO_ROUTE),
                clusters, activeRequests);
    }

    /** The upstream meters of {@code cluster}, created on first use. */
    UpstreamMeters upstream(String cluster) {
        return upstreams.computeIfAbsent(cluster, c -> new UpstreamMeters(registry, c));
    }

    /** The meters of {@code route} on {@code gateway}, created on first use. */
    RouteMeters meters(String gateway, String route) {
        return routes.computeIfAbsent(gateway + '\n' + route, k -> new RouteMeters(registry, gateway, route));
    }

    /**
     * The Gateway ({@code namespace/name}) a listener belongs to, read from its deterministic
     * name {@code gateway/<ns>/<name>/listener/<listener>}; the listener's name if it has another shape.
     */
    static String gatewayOf(ListenerIr listener) {
        String name = listener.name();
        String prefix = "gateway/";
        int end = name.lastIndexOf("/listener/");
        return name.startsWith(prefix) && end > prefix.length() ? name.substring(prefix.length(), end) : name;
    }

    /**
     * Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). Reads the filter counters
     * now, so reasons that appeared since the last scrape show. Renders every series: call it off
     * the event loop.
     */
    public String scrape() {
        filterDecisions.refresh();
        wasmGuests.refresh();
        return registry.scrape(CONTENT_TYPE);
    }
}
