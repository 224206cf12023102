package dev.archway.gateway.listener;

import java.time.Duration;

/**
 * Limits and sizing of the downstream listeners.
 *
 * @param maxHeaderBytes a request head larger than this answers 431
 * @param maxInitialLineBytes a request line longer than this answers 414
 * @param idleTimeout a connection without traffic for this long is closed
 * @param serverInstances servers per port, one per event loop, so connections spread over loops
 * @param drainTime how long a closed port lets requests in flight finish
 */
public record ListenerSettings(int maxHeaderBytes, int maxInitialLineBytes, Duration idleTimeout, int serverInstances,
        Duration drainTime) {

    public ListenerSettings {
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes: " + maxHeaderBytes + " (expected: >= 1024)");
        }
        if (maxInitialLineBytes < 256) {
            throw new IllegalArgumentException("maxInitialLineBytes: " + maxInitialLineBytes + " (expected: >= 256)");
        }
        if (serverInstances < 1) {
            throw new IllegalArgumentException("serverInstances: " + serverInstances + " (expected: >= 1)");
        }
    }

    public static ListenerSettings defaults(int eventLoops) {
        return new ListenerSettings(8192, 8192, Duration.ofMinutes(5), Math.max(1, eventLoops), Duration.ofSeconds(10));
    }
}
