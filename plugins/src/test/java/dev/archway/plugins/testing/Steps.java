package dev.archway.plugins.testing;

import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.LocalReply;

/** Reads a {@link FilterStep} in tests, failing with a clear message on the wrong kind of step. */
public final class Steps {

    private Steps() {}

    public static boolean isNext(FilterStep step) {
        return step instanceof FilterStep.Next;
    }

    /** The local reply of a reply step. */
    public static LocalReply reply(FilterStep step) {
        if (step instanceof FilterStep.Reply reply) {
            return reply.reply();
        }
        throw new AssertionError("expected a reply step but got " + step);
    }
}
