package dev.archway.sidekit.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The admin HTTP endpoint: {@code GET /healthz} (the process runs), {@code /ready} (serving,
 * not shutting down) and {@code /metrics} (Prometheus text, rendered off the event loop).
 * Readiness does not follow what a service depends on (Redis, identity providers): a service that
 * cannot reach them still answers (UNAVAILABLE, which the gateway's failure mode handles), and
 * taking every replica out of service at once would only turn that answer into a refused connection.
 */
public final class AdminEndpoint {
    /** The Prometheus text format. */
    public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;
    private final Supplier<String> metrics;
    private final BooleanSupplier ready;
    private HttpServer server;

    /** @param metrics renders the Prometheus text; called on a worker thread */
    public AdminEndpoint(Vertx vertx, Supplier<String> metrics, BooleanSupplier ready) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.ready = ready;
    }

    public Future<AdminEndpoint> start(String host, int port) {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(port, host).map(s -> this);
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
            case "/healthz" -> text(request, 200, "ok");
            case "/ready" -> {
                boolean now = ready.getAsBoolean();
                text(request, now ? 200 : 503, now ? "ready" : "not ready");
            }
            case "/metrics" -> vertx.executeBlocking(metrics::get, false).onComplete(ar -> {
                if (ar.succeeded()) {
                    request.response().putHeader("content-type", METRICS_CONTENT_TYPE).end(ar.result());
                } else {
                    text(request, 500, "cannot render metrics: " + ar.cause());
                }
            });
            default -> text(request, 404, "not found; try /healthz, /ready, /metrics");
        }
    }

    private static void text(HttpServerRequest request, int status, String text) {
        request.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8")
                .end(text + "\n");
    }
}
