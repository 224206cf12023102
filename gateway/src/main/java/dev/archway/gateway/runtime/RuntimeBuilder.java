package dev.archway.gateway.runtime;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.accesslog.AccessLog;
import dev.archway.gateway.trace.RequestTracing;
import dev.archway.gateway.chain.BoundBackend;
import dev.archway.gateway.chain.BoundRoute;
import dev.archway.gateway.chain.ExchangeEnv;
import dev.archway.gateway.chain.InFlight;
import dev.archway.gateway.chain.ExchangeSettings;
import dev.archway.gateway.chain.FilterChain;
import dev.archway.gateway.chain.FilterFailures;
import dev.archway.gateway.metrics.GatewayMetrics;
import dev.archway.gateway.router.PortRouter;
import dev.archway.gateway.upstream.ClusterManager;
import dev.archway.gateway.upstream.ClusterSet;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.WeightedBackendIr;
import dev.archway.plugins.registry.FilterRegistry;
import dev.archway.gateway.stats.FilterStats;
import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterMetrics;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.UpstreamClient;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link GatewayRuntime} from a snapshot: clusters, routers, and every filter of every
 * route. Nothing is served from it until it is complete; any error means no runtime at all.
 */
public final class RuntimeBuilder {
    private final Vertx vertx;
    private final ClusterManager clusters;
    private final FilterRegistry registry;
    private final ExchangeSettings settings;
    private final AccessLog accessLog;
    private final FilterFailures failures;
    private final FilterStats stats;
    private final GatewayMetrics metrics;
    private final RequestTracing tracing;

    public RuntimeBuilder(Vertx vertx, ClusterManager clusters, FilterRegistry registry, ExchangeSettings settings,
            AccessLog accessLog, FilterFailures failures, FilterStats stats, GatewayMetrics metrics,
            RequestTracing tracing) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.clusters = requireNonNull(clusters, "clusters");
        this.registry = requireNonNull(registry, "registry");
        this.settings = requireNonNull(settings, "settings");
        this.accessLog = requireNonNull(accessLog, "accessLog");
        this.failures = requireNonNull(failures, "failures");
        this.stats = requireNonNull(stats, "stats");
        this.metrics = requireNonNull(metrics, "metrics");
        this.tracing = requireNonNull(tracing, "tracing");
    }

    /** A runtime, or the reasons there is none. */
    public record Result(GatewayRuntime runtime, List<String> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return runtime != null;
        }
    }

    public Result build(Snapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        ClusterSet clusterSet = clusters.clusters(snapshot);
        FilterBuildContext context = new FilterBuildContext() {
            @Override
            public Vertx vertx() {
                return vertx;
            }

            @Override
            public UpstreamClient upstreams() {
                return clusterSet;
            }
        };
        List<String> errors = new ArrayList<>();
        // Routes attached to several listeners or hostnames are equal records: build their filters once.
        Map<RouteIr, BoundRoute> built = new HashMap<>();
        Map<String, PortRouter<BoundRoute>> routers = new HashMap<>();
        for (PortIr port : snapshot.ports()) {
            try {
                routers.put(port.name(), PortRouter.compile(port,
                        route -> built.computeIfAbsent(route, r -> bind(r, context, errors))));
            } catch (IllegalArgumentException e) {
                errors.add(port.name() + ": " + e.getMessage());
            }
        }
        List<HttpFilter> filters = new ArrayList<>();
        for (BoundRoute route : built.values()) {
            route.filters().links().forEach(link -> filters.add(link.filter()));
            route.backends().forEach(b -> b.filters().links().forEach(link -> filters.add(link.filter())));
        }
        if (!errors.isEmpty()) {
            // The snapshot is rejected: release whatever its filters already hold.
            GatewayRuntime.closeAll(filters);
            return new Result(null, errors);
        }
        ExchangeEnv env = new ExchangeEnv(vertx, clusterSet, settings, accessLog, failures, new InFlight(),
                metrics.forSnapshot(snapshot), tracing);
        return new Result(new GatewayRuntime(snapshot, routers, env, filters), List.of());
    }

    private FilterBuildContext withMetrics(FilterBuildContext context, FilterSpec spec) {
        FilterMetrics metrics = stats.of(spec.name(), spec.kind());
        return new FilterBuildContext() {
            @Override
            public Vertx vertx() {
                return context.vertx();
            }

            @Override
            public UpstreamClient upstreams() {
                return context.upstreams();
            }

            @Override
            public FilterMetrics metrics() {
                return metrics;
            }
        };
    }

    private BoundRoute bind(RouteIr route, FilterBuildContext context, List<String> errors) {
        FilterChain filters = FilterChain.build(route.filters(), registry, spec -> withMetrics(context, spec), errors);
        List<BoundBackend> backends = new ArrayList<>(route.backends().size());
        for (WeightedBackendIr backend : route.backends()) {
            backends.add(new BoundBackend(backend, FilterChain.build(backend.filters(), registry, spec -> withMetrics(context, spec), errors)));
        }
        return new BoundRoute(route, filters, backends);
    }
}
