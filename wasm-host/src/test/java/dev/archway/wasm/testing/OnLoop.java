package dev.archway.wasm.testing;

import io.vertx.core.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs test code on a Vert.x event loop, where guest instances live, and waits for its answer. */
public final class OnLoop {
    private OnLoop() {}

    public static <T> T run(Context context, Supplier<T> body) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                answer.complete(body.get());
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
