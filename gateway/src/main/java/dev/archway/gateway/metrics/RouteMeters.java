package dev.archway.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The request meters of one route on one Gateway. {@link #record} is the only call on the hot
 * path: field reads and two increments. Meters are registered by the first request that needs
 * them (a route that never failed shows no 5xx series; an idle port shows no series at all),
 * then reused.
 */
public final class RouteMeters {
    /** Fixed buckets, chosen for an edge proxy: from a cached answer to a slow upstream. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5),
    };
    /** Index 0: no response was sent (the client went away first); 1 to 5: 1xx to 5xx. */
    private static final String[] CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry registry;
    private final String gateway;
    private final String route;
    private volatile Timer duration;
    private final AtomicReferenceArray<Counter> byClass = new AtomicReferenceArray<>(CLASSES.length);

    RouteMeters(MeterRegistry registry, String gateway, String route) {
        this.registry = registry;
        this.gateway = gateway;
        this.route = route;
    }

    /** One finished exchange that answered {@code status} (0 when no response was sent). */
    public void record(int status, long durationNanos) {
        int index = status >= 100 && status < 600 ? status / 100 : 0;
        Counter counter = byClass.get(index);
        if (counter == null) {
            // Registration is idempotent: two loops racing here get the same counter.
            counter = Counter.builder("archway.requests")
                    .description("Finished requests, by status class of the response")
                    .tags("gateway", gateway, "route", route, "status_class", CLASSES[index])
                    .register(registry);
            byClass.set(index, counter);
        }
        counter.increment();
        Timer timer = duration;
        if (timer == null) {
            timer = Timer.builder("archway.request.duration")
                    .description("Time from a request's arrival to the last byte of its response")
                    .tags("gateway", gateway, "route", route)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            duration = timer;
        }
        timer.record(durationNanos, TimeUnit.NANOSECONDS);
    }
}
