package dev.archway.plugins.builtin.graphql.api;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A REST backend on a loopback port: records every call it gets, the most calls it had in flight
 * at once, and answers each call as the test says.
 */
final class RestBackend {
    /** One call as the backend saw it. */
    record Call(String method, String target, MultiMap headers, String body) {}

    /** An answer; {@code delayMillis} before it is sent. */
    record Reply(int status, String body, long delayMillis) {
        static Reply json(String body) {
            return new Reply(200, body, 0);
        }

        static Reply status(int status) {
            return new Reply(status, "{\"error\":\"boom\"}", 0);
        }

        Reply after(long millis) {
            return new Reply(status, body, millis);
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final HttpServer server;

    private RestBackend(HttpServer server) {
        this.server = server;
    }

    /** Starts a backend on an ephemeral loopback port. */
    static RestBackend start(Vertx vertx, Function<Call, Reply> replies) throws Exception {
        RestBackend[] self = new RestBackend[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Call call = new Call(request.method().name(), request.uri(), MultiMap.caseInsensitiveMultiMap()
                    .addAll(request.headers()), body.toString());
            self[0].calls.add(call);
            int now = self[0].inFlight.incrementAndGet();
            self[0].maxInFlight.accumulateAndGet(now, Math::max);
            Reply reply = replies.apply(call);
            Runnable answer = () -> {
                self[0].inFlight.decrementAndGet();
                request.response().setStatusCode(reply.status())
                        .putHeader("content-type", "application/json").end(reply.body());
            };
            if (reply.delayMillis() > 0) {
                vertx.setTimer(reply.delayMillis(), id -> answer.run());
            } else {
                answer.run();
            }
        }));
        self[0] = new RestBackend(server);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return self[0];
    }

    int port() {
        return server.actualPort();
    }

    List<String> targets() {
        return calls.stream().map(Call::target).toList();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
