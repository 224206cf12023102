package dev.archway.gateway.runtime;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.identity.GatewayIdentity;
import dev.archway.gateway.metrics.GatewayMetrics;
import dev.archway.gateway.metrics.IdentityMeters;
import dev.archway.gateway.stats.FilterStats;

import dev.archway.gateway.accesslog.AccessLog;
import dev.archway.gateway.trace.RequestTracing;
import dev.archway.gateway.chain.FilterFailures;
import dev.archway.gateway.listener.ListenerManager;
import dev.archway.gateway.upstream.ClusterManager;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.plugins.registry.FilterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The serving machinery of one gateway process: upstream pools, listener ports and the live
 * runtime. {@link #apply} moves it to a new snapshot; everything long-lived (pools, unchanged
 * ports, failure counters) carries over.
 */
public final class DataPlane {
    private final Vertx vertx;
    private final DataPlaneSettings settings;
    private final ClusterManager clusters;
    private final LiveRuntime live = new LiveRuntime();
    private final ListenerManager listeners;
    private final FilterFailures failures = new FilterFailures();
    private final FilterStats filterStats = new FilterStats();
    private final GatewayMetrics metrics = new GatewayMetrics(filterStats);
    private final RuntimeBuilder builder;
    private final GatewayIdentity identity;

    public DataPlane(Vertx vertx, DataPlaneSettings settings, FilterRegistry registry) {
        this(vertx, settings, registry, new AccessLog(), RequestTracing.OFF);
    }

    /** With the access log and tracing a user configured. */
    public DataPlane(Vertx vertx, DataPlaneSettings settings, FilterRegistry registry, AccessLog accessLog,
            RequestTracing tracing) {
        this(vertx, settings, registry, accessLog, tracing, GatewayIdentity.none());
    }

    /** With the gateway's SPIFFE identity, presented to upstreams that ask for a client certificate. */
    public DataPlane(Vertx vertx, DataPlaneSettings settings, FilterRegistry registry, AccessLog accessLog,
            RequestTracing tracing, GatewayIdentity identity) {
        this.identity = requireNonNull(identity, "identity");
        IdentityMeters.bind(metrics.registry(), identity);
        this.vertx = requireNonNull(vertx, "vertx");
        this.settings = requireNonNull(settings, "settings");
        this.clusters = new ClusterManager(vertx, settings.upstreams(), metrics.connections()::upstream, identity);
        this.listeners = new ListenerManager(vertx, settings.listeners(), live, metrics.connections()::downstream);
        this.builder = new RuntimeBuilder(vertx, clusters, requireNonNull(registry, "registry"), settings.exchanges(),
                requireNonNull(accessLog, "accessLog"), failures, filterStats, metrics,
                requireNonNull(tracing, "tracing"));
    }

    /** The gateway's SPIFFE identity (possibly {@link GatewayIdentity#none()}). */
    public GatewayIdentity identity() {
        return identity;
    }

    /** What the filters reported (allowed, denied, failed), across reloads. */
    public FilterStats filterStats() {
        return filterStats;
    }

    /** The process's metrics, served on the admin endpoint at {@code /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * What an {@link #apply} did.
     *
     * @param applied the snapshot now serves (listener problems may still be listed)
     * @param errors build errors (then nothing changed) or listener problems
     */
    public record ApplyResult(boolean applied, List<String> errors) {
        public ApplyResult {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Builds the runtime of {@code snapshot}, swaps it in and applies its ports. Blocks until the
     * ports are applied: call it off the event loop.
     */
    public ApplyResult apply(Snapshot snapshot) {
        RuntimeBuilder.Result built = builder.build(snapshot);
        if (!built.ok()) {
            return new ApplyResult(false, built.errors());
        }
        GatewayRuntime previous = live.swap(built.runtime());
        if (previous != null) {
            previous.retire();
        }
        return new ApplyResult(true, applyListeners(snapshot));
    }

    /** Binds again whatever ports of the serving snapshot are not bound (a port in use may have been freed). */
    public List<String> retryListeners() {
        GatewayRuntime runtime = live.current();
        return runtime == null ? List.of() : applyListeners(runtime.snapshot());
    }

    private List<String> applyListeners(Snapshot snapshot) {
        try {
            return listeners.apply(snapshot).toCompletionStage().toCompletableFuture()
                    .get(settings.applyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while applying listeners");
        } catch (Exception e) {
            return List.of("listeners not applied within " + settings.applyTimeout().toMillis() + " ms: " + e);
        }
    }

    /** The snapshot serving now, or null. */
    public Snapshot serving() {
        GatewayRuntime runtime = live.current();
        return runtime == null ? null : runtime.snapshot();
    }

    public LiveRuntime live() {
        return live;
    }

    public ListenerManager listeners() {
        return listeners;
    }

    public FilterFailures failures() {
        return failures;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops accepting, lets requests in flight finish for up to {@code drain}, then closes the pools. */
    public Future<Void> shutdown(Duration drain) {
        return listeners.shutdown(drain.toMillis()).eventually(clusters::close);
    }
}
