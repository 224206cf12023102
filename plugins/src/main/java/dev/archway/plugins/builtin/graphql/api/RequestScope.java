package dev.archway.plugins.builtin.graphql.api;

import dev.archway.gatewayapi.graphql.Template.Ref;
import graphql.schema.DataFetchingEnvironment;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.Function;

/**
 * What the fetchers of one request need besides the query: its headers and claims, and its event
 * loop, where every backend answer is handed back to graphql-java.
 *
 * @param loopThread the thread of {@code loop}, taken when execution starts on it
 */
record RequestScope(MultiMap headers, Map<String, Object> claims, Context loop, Thread loopThread) {

    Vertx vertx() {
        return loop.owner();
    }

    /**
     * Runs {@code task} on the request's event loop: at once when already there, else queued.
     * graphql-java continues on the thread that completes a fetcher's future, so this keeps the
     * whole execution on one thread whatever thread the upstream client answers on.
     */
    void onLoop(Runnable task) {
        if (Thread.currentThread() == loopThread) {
            task.run();
        } else {
            loop.runOnContext(v -> task.run());
        }
    }

    /** The values of a field's template holes; {@code keys} has none here (the batch fills it). */
    Function<Ref, Object> values(DataFetchingEnvironment env) {
        return ref -> switch (ref.source()) {
            case ARGS -> JsonPaths.select(env.getArguments(), ref.path());
            case PARENT -> JsonPaths.select(env.getSource(), ref.path());
            case HEADER -> headers.get(ref.name());
            case CLAIM -> claims == null ? null : JsonPaths.claim(claims, ref.name());
            case KEYS -> null;
        };
    }
}
