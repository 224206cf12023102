package dev.archway.extauth.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's Prometheus metrics:
 * <ul>
 *   <li>{@code archway_extauth_decisions_total{config, decision, reason}}: {@code decision} is
 *       {@code allowed} or {@code denied}; {@code config} is a configured name, never one from
 *       traffic; {@code reason} is the mode that allowed or why it denied (a fixed set);</li>
 *   <li>{@code archway_extauth_errors_total{reason}}: checks answered with an error
 *       ({@value #UNKNOWN_CONFIG}, {@value #INVALID_REQUEST}, {@value #UNAVAILABLE}, {@value #INTERNAL});</li>
 *   <li>{@code archway_extauth_config_reloads_total{result}}: {@code success} or {@code failure}.</li>
 * </ul>
 */
final class ServerMetrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The request named no config this server has: INVALID_ARGUMENT / 500. */
    static final String UNKNOWN_CONFIG = "unknown_config";
    /** A CheckRequest without the HTTP request: INVALID_ARGUMENT. */
    static final String INVALID_REQUEST = "invalid_request";
    /** An identity provider failed: UNAVAILABLE / 503. */
    static final String UNAVAILABLE = "unavailable";
    /** Anything else: INTERNAL / 500. */
    static final String INTERNAL = "internal";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter reloadSuccesses = reloads("success");
    private final Counter reloadFailures = reloads("failure");

    private Counter reloads(String result) {
        return Counter.builder("archway.extauth.config.reloads").tag("result", result)
                .description("Config file changes the server tried to apply, by result").register(registry);
    }

    void decided(String config, boolean allowed, String reason) {
        String decision = allowed ? "allowed" : "denied";
        // A NUL cannot occur in a config name or a reason, so the key is unambiguous.
        decisions.computeIfAbsent(config + '\0' + decision + '\0' + reason, k -> Counter.builder("archway.extauth.decisions")
                .tag("config", config).tag("decision", decision).tag("reason", reason)
                .description("Checks decided, by config, decision and reason").register(registry)).increment();
    }

    void failed(String reason) {
        errors.computeIfAbsent(reason, r -> Counter.builder("archway.extauth.errors").tag("reason", r)
                .description("Checks answered with an error, by reason").register(registry)).increment();
    }

    void reloaded(boolean success) {
        (success ? reloadSuccesses : reloadFailures).increment();
    }

    /** Every series in the Prometheus text format; call it off the event loop. */
    String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }
}
