package dev.archway.ratelimit.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The server's Prometheus metrics:
 * <ul>
 *   <li>{@code archway_ratelimit_decisions_total{domain, decision}}, per descriptor; the domain
 *       label is a configured domain or {@value #UNKNOWN_DOMAIN}, never a name from traffic;</li>
 *   <li>{@code archway_ratelimit_errors_total{reason}}: calls answered with an error;</li>
 *   <li>{@code archway_ratelimit_config_reloads_total{result}}: {@code success} or {@code failure};</li>
 *   <li>{@code archway_ratelimit_redis_connected}: 1 or 0, with a Redis store.</li>
 * </ul>
 */
final class ServerMetrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String UNKNOWN_DOMAIN = "(unknown)";
    /** The counter store failed (Redis down or slow): answered UNAVAILABLE. */
    static final String REASON_STORE = "redis_unavailable";
    /** No domain, or no descriptors: answered INVALID_ARGUMENT. */
    static final String REASON_INVALID = "invalid_request";
    /** Anything else: answered INTERNAL. */
    static final String REASON_INTERNAL = "internal";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter[]> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter reloadSuccesses = reloads("success");
    private final Counter reloadFailures = reloads("failure");

    private Counter reloads(String result) {
        return Counter.builder("archway.ratelimit.config.reloads").tag("result", result)
                .description("Config file changes the server tried to apply, by result").register(registry);
    }

    /** Publishes whether the Redis store is connected. */
    void watchRedis(BooleanSupplier connected) {
        Gauge.builder("archway.ratelimit.redis.connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while the Redis connection is up").register(registry);
    }

    void decided(String domain, Decision decision) {
        decisions.computeIfAbsent(domain, this::decisionCounters)[decision.ordinal()].increment();
    }

    private Counter[] decisionCounters(String domain) {
        Decision[] all = Decision.values();
        Counter[] counters = new Counter[all.length];
        for (Decision decision : all) {
            counters[decision.ordinal()] = Counter.builder("archway.ratelimit.decisions")
                    .tag("domain", domain).tag("decision", decision.label)
                    .description("Descriptors decided, by domain and decision").register(registry);
        }
        return counters;
    }

    void failed(String reason) {
        errors.computeIfAbsent(reason, r -> Counter.builder("archway.ratelimit.errors").tag("reason", r)
                .description("Calls answered with an error, by reason").register(registry)).increment();
    }

    void reloaded(boolean success) {
        (success ? reloadSuccesses : reloadFailures).increment();
    }

    /** Every series in the Prometheus text format; call it off the event loop. */
    String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }
}
