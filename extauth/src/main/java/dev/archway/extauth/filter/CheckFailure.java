package dev.archway.extauth.filter;

/**
 * A check that gave no usable answer (service down, too slow, a gRPC error). Expected under
 * outages, so without a stack trace.
 */
final class CheckFailure extends RuntimeException {
    /** Also the reason word of the filter's {@code failed} counter. */
    final String reason;

    CheckFailure(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    static CheckFailure timeout(long millis) {
        return new CheckFailure("timeout", "no answer within " + millis + " ms");
    }

    static CheckFailure unavailable(String message) {
        return new CheckFailure("unavailable", message);
    }

    static CheckFailure error(String message) {
        return new CheckFailure("error", message);
    }
}
