package dev.archway.wasm.vm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops guest calls that run too long. A guest runs on an event loop; a loop that never ends
 * would stall every connection of that loop. Compiled guest code checks the thread's interrupt
 * flag at loops and calls, so interrupting the thread ends the call with an exception; the
 * flag is cleared by the caller before the event loop sees it (see {@link Guard#exit}).
 */
final class GuestWatchdog {
    private static final Set<Guard> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final long PERIOD_MILLIS = 50;

    static {
        Thread thread = new Thread(GuestWatchdog::run, "archway-wasm-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private GuestWatchdog() {}

    private static void run() {
        while (true) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Guard guard : ACTIVE) {
                guard.check(now);
            }
        }
    }

    /** The watch over one instance's calls; enter and exit happen on the instance's thread. */
    static final class Guard {
        private final long limitNanos;
        private Thread thread;
        private long startedAt;
        private boolean inCall;
        private boolean interrupted;

        Guard(long limitMillis) {
            this.limitNanos = limitMillis * 1_000_000L;
            ACTIVE.add(this);
        }

        /** Returns false when this thread was already in a call (a re-entrant call, not watched again). */
        synchronized boolean enter() {
            if (inCall) {
                return false;
            }
            thread = Thread.currentThread();
            startedAt = System.nanoTime();
            inCall = true;
            interrupted = false;
            return true;
        }

        /** Ends the watched call; when the watchdog interrupted it, clears the flag it set. */
        void exit() {
            boolean stopped;
            synchronized (this) {
                inCall = false;
                stopped = interrupted;
            }
            if (stopped) {
                Thread.interrupted();
            }
        }

        synchronized void check(long now) {
            if (inCall && !interrupted && now - startedAt > limitNanos) {
                interrupted = true;
                thread.interrupt();
            }
        }

        void close() {
            ACTIVE.remove(this);
        }
    }
}
