package dev.archway.ratelimit.global;

/**
 * A call to the rate limit service that gave no usable answer. Expected under outages, so it has no
 * stack trace: the reason and message say all there is to say.
 */
final class RlsCallFailure extends RuntimeException {
    /** Also the reason word of the filter's {@code failed} counter. */
    enum Reason {
        TIMEOUT("timeout"),
        UNAVAILABLE("unavailable"),
        ERROR("error");

        final String word;

        Reason(String word) {
            this.word = word;
        }
    }

    final Reason reason;

    RlsCallFailure(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }
}
