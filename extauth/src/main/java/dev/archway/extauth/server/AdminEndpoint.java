package dev.archway.extauth.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/**
 * The admin HTTP endpoint: {@code GET /healthz} (the process runs), {@code /ready} (serving,
 * not shutting down) and {@code /metrics} (Prometheus). Readiness does not follow identity
 * providers: checks that need one answer UNAVAILABLE, which the gateway's failure mode handles.
 */
final class AdminEndpoint {
    private final Vertx vertx;
    private final ServerMetrics metrics;
    private final BooleanSupplier ready;
    private HttpServer server;

    AdminEndpoint(Vertx vertx, ServerMetrics metrics, BooleanSupplier ready) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.ready = ready;
    }

    Future<AdminEndpoint> start(String host, int port) {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(port, host).map(s -> this);
    }

    int port() {
        return server.actualPort();
    }

    Future<Void> close() {
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
            case "/metrics" -> vertx.executeBlocking(metrics::scrape, false).onComplete(ar -> {
                if (ar.succeeded()) {
                    request.response().putHeader("content-type", ServerMetrics.CONTENT_TYPE).end(ar.result());
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
