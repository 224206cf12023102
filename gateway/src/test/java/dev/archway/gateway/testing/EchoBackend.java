package dev.archway.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port that answers what it received as JSON:
 * {@code {name, method, path, query, version, headers: {name: [values]}, body}}.
 *
 * <p>Behaviour on request: {@code ?delay=MS} waits before answering, {@code ?status=NNN} answers
 * with that status, header {@code x-echo-trailer: name=value} sends that response trailer,
 * {@code ?stream=N} answers N chunks of 1 KiB. {@code /ws} accepts a WebSocket upgrade and
 * echoes every message. An h2c-only backend answers HTTP/1.x requests with 400.
 */
public final class EchoBackend implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private EchoBackend(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    public static EchoBackend start(Vertx vertx, String name) {
        return start(vertx, name, false);
    }

    /** A backend that speaks only HTTP/2 with prior knowledge, like a gRPC server. */
    public static EchoBackend startH2cOnly(Vertx vertx, String name) {
        return start(vertx, name, true);
    }

    private static EchoBackend start(Vertx vertx, String name, boolean h2cOnly) {
        AtomicInteger counter = new AtomicInteger();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true));
        EchoBackend[] self = new EchoBackend[1];
        server.webSocketHandler(ws -> {
            ws.textMessageHandler(text -> ws.writeTextMessage(text));
            ws.binaryMessageHandler(bytes -> ws.writeBinaryMessage(bytes));
        });
        server.requestHandler(request -> self[0].handle(request, h2cOnly));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("echo backend " + name + " did not start", e);
        }
        self[0] = new EchoBackend(name, server);
        return self[0];
    }

    private void handle(HttpServerRequest request, boolean h2cOnly) {
        requests.incrementAndGet();
        if (h2cOnly && request.version() != HttpVersion.HTTP_2) {
            request.response().setStatusCode(400).end("h2c only\n");
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            for (Map.Entry<String, String> header : request.headers()) {
                String key = header.getKey().toLowerCase();
                JsonArray values = headers.getJsonArray(key);
                if (values == null) {
                    values = new JsonArray();
                    headers.put(key, values);
                }
                values.add(header.getValue());
            }
            JsonObject echo = new JsonObject()
                    .put("name", name)
                    .put("method", request.method().name())
                    .put("path", request.path())
                    .put("query", request.query())
                    .put("authority", request.authority() == null ? null : request.authority().toString())
                    .put("version", request.version().name())
                    .put("headers", headers)
                    .put("body", body.toString());
            long delay = longParam(request, "delay", 0);
            int status = (int) longParam(request, "status", 200);
            int chunks = (int) longParam(request, "stream", 0);
            Runnable answer = () -> respond(request, status, echo, chunks);
            if (delay > 0) {
                request.response().closeHandler(v -> { });
                Vertx.currentContext().owner().setTimer(delay, id -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    private void respond(HttpServerRequest request, int status, JsonObject echo, int chunks) {
        var response = request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader("x-backend", name);
        String trailer = request.getHeader("x-echo-trailer");
        if (chunks > 0 || trailer != null) {
            response.setChunked(true);
        }
        if (trailer != null) {
            int eq = trailer.indexOf('=');
            response.trailers().add(trailer.substring(0, eq), trailer.substring(eq + 1));
        }
        if (chunks > 0) {
            Buffer kib = Buffer.buffer(new byte[1024]);
            for (int i = 0; i < chunks; i++) {
                response.write(kib);
            }
            response.end();
        } else {
            response.end(echo.encode());
        }
    }

    private static long longParam(HttpServerRequest request, String name, long fallback) {
        String value = request.getParam(name);
        return value == null ? fallback : Long.parseLong(value);
    }

    public int port() {
        return server.actualPort();
    }

    public String name() {
        return name;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
