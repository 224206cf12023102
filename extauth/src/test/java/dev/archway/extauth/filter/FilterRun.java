package dev.archway.extauth.filter;

import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.testing.TestFilterContext;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;

/** Runs a filter phase on an event loop, as the gateway does, and waits for an awaited step. */
final class FilterRun {
    private FilterRun() {}

    static FilterStep headers(Vertx vertx, HttpFilter filter, TestFilterContext ctx) throws Exception {
        return run(vertx, ctx, c -> filter.onRequestHeaders(c));
    }

    static FilterStep body(Vertx vertx, HttpFilter filter, TestFilterContext ctx, Buffer body) throws Exception {
        return run(vertx, ctx, c -> filter.onRequestBody(c, body));
    }

    private static FilterStep run(Vertx vertx, TestFilterContext ctx,
            java.util.function.Function<TestFilterContext, FilterStep> phase) throws Exception {
        Context context = vertx.getOrCreateContext();
        Promise<FilterStep> result = Promise.promise();
        context.runOnContext(v -> {
            FilterStep step = phase.apply(ctx.eventLoop(context));
            if (step instanceof FilterStep.Await await) {
                await.future().onComplete(result);
            } else {
                result.complete(step);
            }
        });
        return result.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
