package dev.archway.ratelimit.server.counter;

/** The store could not count (Redis down, slow or refusing); nothing was decided. */
public final class CounterUnavailableException extends RuntimeException {
    CounterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
