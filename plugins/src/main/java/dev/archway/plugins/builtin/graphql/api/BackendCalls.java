package dev.archway.plugins.builtin.graphql.api;

import dev.archway.plugins.spi.UpstreamClient;
import dev.archway.plugins.spi.UpstreamClient.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends rendered calls through the gateway's upstream client with the resolver's timeout, and
 * turns each answer into an {@link Outcome}. The returned futures never fail and complete on the
 * request's event loop.
 */
final class BackendCalls {
    private static final Logger log = LoggerFactory.getLogger(BackendCalls.class);

    private final UpstreamClient upstreams;
    private final RequestScope scope;

    BackendCalls(UpstreamClient upstreams, RequestScope scope) {
        this.upstreams = upstreams;
        this.scope = scope;
    }

    /** Sends {@code call} for {@code resolver}; the value is the answer's JSON at {@code resultPath}. */
    CompletableFuture<Outcome> send(RestResolver resolver, RestCall call) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (RestCall.Header h : call.headers()) {
            headers.add(h.name(), h.value());
        }
        if (!headers.contains("accept")) {
            headers.set("accept", "application/json");
        }
        if (call.body() != null && !headers.contains("content-type")) {
            headers.set("content-type", "application/json");
        }
        Buffer body = call.body() == null ? Buffer.buffer() : Buffer.buffer(call.body());
        String backend = resolver.config().backend();
        // The upstream client has no timeout of its own: a timer answers first when the backend
        // is slow, and whichever comes second is ignored.
        AtomicBoolean done = new AtomicBoolean();
        long timer = scope.vertx().setTimer(resolver.timeout().toMillis(), id -> {
            if (done.compareAndSet(false, true)) {
                scope.onLoop(() -> result.complete(Outcome.Failure.timedOut(backend, describe(resolver.timeout()))));
            }
        });
        Future<UpstreamResponse> answer;
        try {
            answer = upstreams.send(resolver.config().cluster(), call.method(), resolver.config().authority(),
                    call.target(), headers, body);
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        answer.onComplete(ar -> {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            scope.vertx().cancelTimer(timer);
            Outcome outcome;
            if (ar.succeeded()) {
                outcome = read(resolver, ar.result());
            } else {
                // The cause may name addresses of the cluster: logged, not shown to clients.
                log.debug("{}: call to {} failed: {}", resolver.coordinate(), backend, ar.cause().toString());
                outcome = Outcome.Failure.unreachable(backend);
            }
            scope.onLoop(() -> result.complete(outcome));
        });
        return result;
    }

    private static Outcome read(RestResolver resolver, UpstreamResponse response) {
        String backend = resolver.config().backend();
        int status = response.status();
        if (status < 200 || status > 299) {
            return Outcome.Failure.backendError(backend, status);
        }
        Buffer body = response.body();
        if (body == null || isBlank(body)) {
            return new Outcome.Value(null);
        }
        Object json;
        try {
            json = Encoding.readJson(body.getBytes());
        } catch (IOException e) {
            return Outcome.Failure.notJson(backend, status);
        }
        return new Outcome.Value(JsonPaths.select(json, resolver.resultPath()));
    }

    private static boolean isBlank(Buffer body) {
        for (int i = 0; i < body.length(); i++) {
            byte b = body.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** A timeout as users write it: {@code 2s}, {@code 500ms}. */
    static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
