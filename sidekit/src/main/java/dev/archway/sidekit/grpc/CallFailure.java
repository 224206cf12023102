package dev.archway.sidekit.grpc;

/**
 * A call to a side service that gave no usable answer: the service is down, too slow, or answered
 * with an error. Expected under outages, so without a stack trace.
 */
public final class CallFailure extends RuntimeException {
    private final String reason;

    private CallFailure(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** {@code timeout}, {@code unavailable} or {@code error}: also the reason word of filter counters. */
    public String reason() {
        return reason;
    }

    public static CallFailure timeout(long millis) {
        return timeout("no answer within " + millis + " ms");
    }

    public static CallFailure timeout(String message) {
        return new CallFailure("timeout", message);
    }

    public static CallFailure unavailable(String message) {
        return new CallFailure("unavailable", message);
    }

    public static CallFailure error(String message) {
        return new CallFailure("error", message);
    }
}
