package dev.archway.gateway.stats;

import dev.archway.plugins.spi.FilterMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** One filter's decisions. Lock-free: LongAdders, because every event loop reports to them. */
final class FilterCounters implements FilterMetrics {
    private final String kind;
    private final LongAdder allowed = new LongAdder();
    private final Map<String, LongAdder> denied = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();

    FilterCounters(String kind) {
        this.kind = kind;
    }

    @Override
    public void allowed() {
        allowed.increment();
    }

    @Override
    public void denied(String reason) {
        denied.computeIfAbsent(reason == null ? "unspecified" : reason, r -> new LongAdder()).increment();
    }

    @Override
    public void failed(String reason) {
        failed.computeIfAbsent(reason == null ? "unspecified" : reason, r -> new LongAdder()).increment();
    }

    void forEach(String name, FilterStats.CounterVisitor visitor) {
        visitor.counter(name, kind, "allowed", "none", allowed);
        denied.forEach((reason, count) -> visitor.counter(name, kind, "denied", reason, count));
        failed.forEach((reason, count) -> visitor.counter(name, kind, "failed", reason, count));
    }

    Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("allowed", allowed.sum());
        out.put("denied", sums(denied));
        out.put("failed", sums(failed));
        return out;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((reason, adder) -> out.put(reason, adder.sum()));
        return out;
    }
}
