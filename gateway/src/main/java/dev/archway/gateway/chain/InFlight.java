package dev.archway.gateway.chain;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the exchanges using one runtime, so that the runtime's filters are released only after a
 * reload retired it and its last exchange ended. Lock-free: once retired and idle the count is
 * closed for good, and a late arrival is turned away to the newer runtime.
 */
public final class InFlight {
    private static final int CLOSED = Integer.MIN_VALUE;

    private final AtomicInteger count = new AtomicInteger();
    private volatile Runnable onIdle;

    /** Counts one more exchange; false when the runtime is already closed (use the current one). */
    public boolean tryEnter() {
        while (true) {
            int c = count.get();
            if (c == CLOSED) {
                return false;
            }
            if (count.compareAndSet(c, c + 1)) {
                return true;
            }
        }
    }

    /** One exchange ended; each successful {@link #tryEnter} is followed by exactly one exit. */
    public void exit() {
        if (count.decrementAndGet() == 0 && onIdle != null) {
            closeIfIdle();
        }
    }

    /** No new exchange will be given this runtime; {@code action} runs once the last one ended. */
    public void retire(Runnable action) {
        onIdle = action;
        closeIfIdle();
    }

    /** Exchanges in flight now (for tests and metrics). */
    public int current() {
        return Math.max(0, count.get());
    }

    private void closeIfIdle() {
        Runnable action = onIdle;
        if (action != null && count.compareAndSet(0, CLOSED)) {
            action.run();
        }
    }
}
