package dev.archway.gateway.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.archway.gateway.identity.GatewayIdentity;
import dev.archway.gateway.metrics.GatewayMetrics;
import dev.archway.gateway.runtime.StatusStore;
import dev.archway.gateway.stats.FilterStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin HTTP server.
 *
 * <ul>
 *   <li>{@code GET /ready}: 200 {@code ready} once the first config serves and its listeners were
 *       applied, else 503;</li>
 *   <li>{@code GET /healthz}: 200 while the process runs;</li>
 *   <li>{@code GET /status}: every resource status as a JSON array, shaped like the Kubernetes
 *       status subresource, and the gateway's SPIFFE identity when one is configured;</li>
 *   <li>{@code GET /config_dump}: {@code {version, snapshot, sourceProblems, lastReloadError}};</li>
 *   <li>{@code GET /stats}: every filter's decisions as JSON;</li>
 *   <li>{@code GET /metrics}: Prometheus metrics in the text exposition format.</li>
 * </ul>
 */
public final class AdminServer {
    private final Vertx vertx;
    private final StatusStore status;
    private final FilterStats filterStats;
    private final GatewayMetrics metrics;
    private final GatewayIdentity identity;
    private HttpServer server;

    public AdminServer(Vertx vertx, StatusStore status) {
        this(vertx, status, new FilterStats());
    }

    public AdminServer(Vertx vertx, StatusStore status, FilterStats filterStats) {
        this(vertx, status, filterStats, new GatewayMetrics(filterStats));
    }

    public AdminServer(Vertx vertx, StatusStore status, FilterStats filterStats, GatewayMetrics metrics) {
        this(vertx, status, filterStats, metrics, GatewayIdentity.none());
    }

    /** With the gateway's SPIFFE identity: shown in {@code /status}, and {@code /ready} waits for its first SVID. */
    public AdminServer(Vertx vertx, StatusStore status, FilterStats filterStats, GatewayMetrics metrics,
            GatewayIdentity identity) {
        this.identity = requireNonNull(identity, "identity");
        this.vertx = requireNonNull(vertx, "vertx");
        this.status = requireNonNull(status, "status");
        this.filterStats = requireNonNull(filterStats, "filterStats");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /** Binds {@code host:port}; port 0 picks a free port (see {@link #port()}). */
    public Future<AdminServer> start(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false));
        return server.requestHandler(this::handle).listen(port, host).map(s -> this);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            text(request, 405, "method not allowed");
            return;
        }
        switch (request.path()) {
            case "/ready" -> {
                boolean ready = status.view().ready();
                // A mesh gateway without its SVID would fail every mTLS upstream: not ready yet.
                boolean identityReady = !identity.configured() || identity.ready();
                text(request, ready && identityReady ? 200 : 503, !ready ? "not ready"
                        : identityReady ? "ready" : "not ready: waiting for the gateway's SVID");
            }
            case "/healthz" -> text(request, 200, "ok");
            case "/status" -> json(request, this::statusEntries);
            case "/config_dump" -> json(request, this::configDump);
            case "/stats" -> json(request, () -> java.util.Map.of("filters", filterStats.view()));
            case "/metrics" -> metrics(request);
            default -> text(request, 404, "not found; try /ready, /healthz, /status, /config_dump, /stats, /metrics");
        }
    }

    private void metrics(HttpServerRequest request) {
        // Rendering every series takes a while with many routes: off the event loop.
        vertx.executeBlocking(metrics::scrape, false).onComplete(ar -> {
            if (ar.succeeded()) {
                request.response().putHeader("content-type", GatewayMetrics.CONTENT_TYPE).end(ar.result());
            } else {
                text(request, 500, "cannot render metrics: " + ar.cause());
            }
        });
    }

    private Object statusEntries() {
        List<Object> entries = new ArrayList<>(status.view().report().resources());
        if (identity.configured()) {
            entries.add(IdentityStatus.of(identity, Instant.now()));
        }
        return entries;
    }

    private Object configDump() {
        StatusStore.View view = status.view();
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("version", view.snapshot() == null ? null : view.snapshot().version());
        dump.put("snapshot", view.snapshot());
        // As `archway validate` prints them: file:line:column: message.
        dump.put("sourceProblems", view.sourceProblems().stream().map(Object::toString).toList());
        dump.put("lastReloadError", view.lastReloadError());
        return dump;
    }

    private static void text(HttpServerRequest request, int status, String text) {
        request.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(text + "\n");
    }

    private void json(HttpServerRequest request, java.util.function.Supplier<Object> value) {
        // Large configs take a while to render: off the event loop.
        vertx.executeBlocking(() -> AdminJson.mapper().writeValueAsString(value.get()), false)
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        request.response().putHeader("content-type", "application/json").end(ar.result() + "\n");
                    } else {
                        Throwable cause = ar.cause();
                        String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.toString();
                        text(request, 500, "cannot render: " + message);
                    }
                });
    }
}
