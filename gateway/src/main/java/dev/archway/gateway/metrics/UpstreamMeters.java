package dev.archway.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The upstream side of one cluster: how long each try waited for the response head, and the tries
 * that got none, by reason. Apart from the request duration, this tells a slow backend from a slow
 * gateway or a slow client.
 */
public final class UpstreamMeters {
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
    };

    private final MeterRegistry registry;
    private final String cluster;
    private final Timer responseTime;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    UpstreamMeters(MeterRegistry registry, String cluster) {
        this.registry = registry;
        this.cluster = cluster;
        this.responseTime = Timer.builder("archway.upstream.duration")
                .description("Time from sending a try to the upstream to its response head, by cluster")
                .tag("cluster", cluster)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** A try got its response head {@code nanos} after it was sent. */
    public void responded(long nanos) {
        responseTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A try got no response head.
     *
     * @param reason a fixed word such as {@code connect_failed}, {@code timeout}, {@code reset}
     */
    public void failed(String reason) {
        failures.computeIfAbsent(reason, r -> Counter.builder("archway.upstream.failures")
                .description("Tries at the upstream that got no response head, by cluster and reason")
                .tags("cluster", cluster, "reason", r)
                .register(registry)).increment();
    }
}
