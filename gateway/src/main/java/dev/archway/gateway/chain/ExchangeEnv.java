package dev.archway.gateway.chain;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.accesslog.AccessLog;
import dev.archway.gateway.metrics.RequestMetrics;
import dev.archway.gateway.trace.RequestTracing;
import dev.archway.gateway.upstream.ClusterSet;
import io.vertx.core.Vertx;

/**
 * What every exchange of one runtime shares: the clusters of its snapshot, the count of its
 * exchanges in flight, its request meters, and the gateway's long-lived services.
 */
public record ExchangeEnv(Vertx vertx, ClusterSet clusters, ExchangeSettings settings, AccessLog accessLog,
        FilterFailures failures, InFlight inFlight, RequestMetrics metrics, RequestTracing tracing) {
    public ExchangeEnv {
        requireNonNull(vertx, "vertx");
        requireNonNull(clusters, "clusters");
        requireNonNull(settings, "settings");
        requireNonNull(accessLog, "accessLog");
        requireNonNull(failures, "failures");
        requireNonNull(inFlight, "inFlight");
        requireNonNull(metrics, "metrics");
        requireNonNull(tracing, "tracing");
    }
}
