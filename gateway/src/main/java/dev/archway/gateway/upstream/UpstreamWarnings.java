package dev.archway.gateway.upstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns in the log when an upstream's identity or tunnel fails (a TLS check or an HBONE tunnel:
 * configuration problems an operator must see), at most once per cluster and reason every 10 s,
 * with the number of failures not logged meanwhile. Connect failures and timeouts are left to the
 * access log and metrics: they are routine.
 */
public final class UpstreamWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamWarnings.class);
    static final long INTERVAL_NANOS = 10_000_000_000L;

    private record Window(AtomicLong lastLogged, AtomicLong suppressed) {}

    private static final Map<String, Window> WINDOWS = new ConcurrentHashMap<>();

    private UpstreamWarnings() {}

    /** Logs {@code failure} of {@code cluster} if it is a TLS or tunnel failure and none was logged lately. */
    public static void failed(String cluster, UpstreamFailure failure) {
        String reason = failure.reason();
        if (!reason.equals("upstream_tls_failure") && !reason.equals("upstream_tunnel_failure")) {
            return;
        }
        Window window = WINDOWS.computeIfAbsent(cluster + "|" + reason,
                k -> new Window(new AtomicLong(System.nanoTime() - INTERVAL_NANOS), new AtomicLong()));
        long now = System.nanoTime();
        long last = window.lastLogged().get();
        if (now - last >= INTERVAL_NANOS && window.lastLogged().compareAndSet(last, now)) {
            long more = window.suppressed().getAndSet(0);
            LOG.warn("cluster {}: {} ({}){}", cluster, failure.getMessage(), reason,
                    more > 0 ? " [" + more + " more since the last warning]" : "");
        } else {
            window.suppressed().incrementAndGet();
        }
    }
}
