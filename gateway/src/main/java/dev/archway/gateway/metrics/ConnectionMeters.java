package dev.archway.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open connections on each side: clients to each listener port, and the gateway to each upstream
 * endpoint (its pools). Labels come from the config (port names, endpoint addresses), never from
 * clients, so the number of series stays bounded.
 */
public final class ConnectionMeters {
    private final MeterRegistry registry;
    private final Map<String, Side> downstream = new ConcurrentHashMap<>();
    private final Map<String, Side> upstream = new ConcurrentHashMap<>();

    ConnectionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    private record Side(AtomicLong open, Counter opened) {}

    /** A client connected to listener port {@code port}; counted until the connection closes. */
    public void downstream(String port, HttpConnection connection) {
        Side side = downstream.computeIfAbsent(port, p -> {
            AtomicLong open = new AtomicLong();
            Gauge.builder("archway.downstream.connections", open, AtomicLong::doubleValue)
                    .description("Client connections open now, by listener port").tag("port", p).register(registry);
            Counter opened = Counter.builder("archway.downstream.connections.opened")
                    .description("Client connections accepted, by listener port").tag("port", p).register(registry);
            return new Side(open, opened);
        });
        track(side, connection);
    }

    /** The gateway opened a connection to an upstream endpoint ({@code protocol}: http1 or h2c). */
    public void upstream(String protocol, HttpConnection connection) {
        String endpoint = String.valueOf(connection.remoteAddress());
        Side side = upstream.computeIfAbsent(protocol + "\n" + endpoint, k -> {
            AtomicLong open = new AtomicLong();
            Gauge.builder("archway.upstream.connections", open, AtomicLong::doubleValue)
                    .description("Pooled connections to upstream endpoints open now")
                    .tags("endpoint", endpoint, "protocol", protocol).register(registry);
            Counter opened = Counter.builder("archway.upstream.connections.opened")
                    .description("Connections opened to upstream endpoints (a high rate means little reuse)")
                    .tags("endpoint", endpoint, "protocol", protocol).register(registry);
            return new Side(open, opened);
        });
        track(side, connection);
    }

    private static void track(Side side, HttpConnection connection) {
        side.open().incrementAndGet();
        side.opened().increment();
        connection.closeHandler(v -> side.open().decrementAndGet());
    }
}
