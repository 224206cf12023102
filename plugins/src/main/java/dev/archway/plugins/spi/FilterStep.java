package dev.archway.plugins.spi;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;

/**
 * What a filter decides in a phase: go on, answer locally, or wait for a future that decides.
 * These three are the whole vocabulary; the chain driver alone pauses and resumes the stream.
 */
public sealed interface FilterStep {

    /** Continue with the next filter. */
    static FilterStep next() {
        return Next.INSTANCE;
    }

    /** Stop the chain and answer the client with {@code reply}; the upstream is never called. */
    static FilterStep reply(LocalReply reply) {
        return new Reply(reply);
    }

    /** Pause until {@code future} completes with the step to take; a failure becomes a 500. */
    static FilterStep await(io.vertx.core.Future<FilterStep> future) {
        return new Await(future);
    }

    /** See {@link #next()}. */
    final class Next implements FilterStep {
        static final Next INSTANCE = new Next();

        private Next() {}

        @Override
        public String toString() {
            return "Next";
        }
    }

    /** See {@link #reply(LocalReply)}. */
    record Reply(LocalReply reply) implements FilterStep {
        public Reply {
            requireNonNull(reply, "reply");
        }
    }

    /** See {@link #await(Future)}. */
    record Await(Future<FilterStep> future) implements FilterStep {
        public Await {
            requireNonNull(future, "future");
        }
    }
}
