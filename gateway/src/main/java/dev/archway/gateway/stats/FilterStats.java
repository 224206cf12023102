package dev.archway.gateway.stats;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.FilterMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

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

    /** One counter of one filter, as {@link #forEachCounter} hands it out. */
    @FunctionalInterface
    public interface CounterVisitor {
        /**
         * @param decision {@code allowed}, {@code denied} or {@code failed}
         * @param reason why (for denials and failures), or {@code none} for {@code allowed}
         * @param count the live counter: it keeps counting after this call
         */
        void counter(String filter, String kind, String decision, String reason, LongAdder count);
    }

    /** Hands every counter of every filter to {@code visitor}, for exporters that read them live. */
    public void forEachCounter(CounterVisitor visitor) {
        requireNonNull(visitor, "visitor");
        byName.forEach((name, counters) -> counters.forEach(name, visitor));
    }
}
