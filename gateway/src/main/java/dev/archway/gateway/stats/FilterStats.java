package dev.archway.gateway.stats;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.FilterMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of every configured filter, by filter name ({@code trafficpolicy/ns/name/jwt}).
 * Counters outlive reloads, so a config change does not reset what operators watch. Names come
 * from the config, never from traffic; counters of filters removed from the config stay until
 * the process restarts (a config churning through new names grows this map).
 */
public final class FilterStats {
    private final Map<String, FilterCounters> byName = new ConcurrentHashMap<>();

    /** The counters of filter {@code name} of {@code kind}, created on first use. */
    public FilterMetrics of(String name, String kind) {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        return byName.computeIfAbsent(name, n -> new FilterCounters(kind));
    }

    /** Every filter's counters, sorted by name, as plain maps for JSON. */
    public Map<String, Map<String, Object>> view() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        byName.forEach((name, counters) -> out.put(name, counters.view()));
        return out;
    }
}
