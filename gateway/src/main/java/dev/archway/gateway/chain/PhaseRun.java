package dev.archway.gateway.chain;

import dev.archway.gateway.trace.RequestTrace;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs one phase (request headers, request body or response headers) over a list of filters and
 * interprets their steps. Synchronous while every filter answers {@code next()}; an {@code await}
 * parks the run until the future completes, then resumes on the request's event loop.
 */
final class PhaseRun {

    /** Calls the phase's method on one filter. */
    interface Invoker {
        FilterStep invoke(FilterLink link);
    }

    /** How the phase ended. Exactly one of the methods ends a run (replied may also continue it). */
    interface Outcome {
        void completed();

        /** @return true to go on with the next filter (response phase), false to stop here */
        boolean replied(FilterLink link, LocalReply reply);

        void failed(FilterLink link, Throwable cause);
    }

    private final Context context;
    private final List<FilterLink> links;
    private final Invoker invoker;
    private final Outcome outcome;
    private final BooleanSupplier cancelled;
    private final RequestTrace trace;

    /**
     * @param cancelled true once the exchange moved on (timeout, client gone): late futures are then
     *     dropped instead of resuming a phase nobody waits for
     * @param trace records a span for each filter that makes the request wait
     */
    PhaseRun(Context context, List<FilterLink> links, Invoker invoker, Outcome outcome, BooleanSupplier cancelled,
            RequestTrace trace) {
        this.context = context;
        this.links = links;
        this.invoker = invoker;
        this.outcome = outcome;
        this.cancelled = cancelled;
        this.trace = trace;
    }

    void start() {
        runFrom(0);
    }

    private void runFrom(int index) {
        for (int i = index; i < links.size(); i++) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            FilterLink link = links.get(i);
            FilterStep step;
            try {
                step = invoker.invoke(link);
            } catch (Throwable t) {
                outcome.failed(link, t);
                return;
            }
            if (!handle(i, link, step)) {
                return;
            }
        }
        if (!cancelled.getAsBoolean()) {
            outcome.completed();
        }
    }

    /** @return true when the run goes on with the next filter right away */
    private boolean handle(int index, FilterLink link, FilterStep step) {
        if (step instanceof FilterStep.Next) {
            return true;
        }
        if (step instanceof FilterStep.Reply reply) {
            return outcome.replied(link, reply.reply());
        }
        if (step instanceof FilterStep.Await await) {
            Runnable waited = trace.filterWaits(link.name());
            await.future().onComplete(result -> {
                waited.run();
                onEventLoop(() -> resume(index, link, result));
            });
            return false;
        }
        outcome.failed(link, new IllegalStateException("filter " + link.name() + " returned " + step
                + " (expected: next, reply or await)"));
        return false;
    }

    private void resume(int index, FilterLink link, AsyncResult<FilterStep> result) {
        if (cancelled.getAsBoolean()) {
            return;
        }
        if (result.failed()) {
            outcome.failed(link, result.cause());
            return;
        }
        if (handle(index, link, result.result())) {
            runFrom(index + 1);
        }
    }

    private void onEventLoop(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
