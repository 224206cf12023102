package dev.archway.gateway.metrics;

import dev.archway.gateway.stats.FilterStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code archway_filter_decisions_total}: the counters of {@link FilterStats}, read when scraped.
 * Filters report to FilterStats only; before each scrape, counters that appeared since (a new
 * filter, a new denial reason) are registered as function counters over the same adders.
 */
final class FilterDecisionMeters {
    private final MeterRegistry registry;
    private final FilterStats stats;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    FilterDecisionMeters(MeterRegistry registry, FilterStats stats) {
        this.registry = registry;
        this.stats = stats;
    }

    void refresh() {
        stats.forEachCounter((filter, kind, decision, reason, count) -> {
            if (registered.add(filter + '\n' + decision + '\n' + reason)) {
                register(filter, kind, decision, reason, count);
            }
        });
    }

    private void register(String filter, String kind, String decision, String reason, LongAdder count) {
        // FilterStats holds the adder for the life of the process, so the counter's weak reference stays valid.
        FunctionCounter.builder("archway.filter.decisions", count, LongAdder::doubleValue)
                .description("Decisions of each configured filter: allowed, denied or failed, with the reason")
                .tags("filter", filter, "kind", kind, "decision", decision, "reason", reason)
                .register(registry);
    }
}
