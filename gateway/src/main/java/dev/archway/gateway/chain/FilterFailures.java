package dev.archway.gateway.chain;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often each filter (by its spec name) threw or failed its future. Lives as long as the
 * gateway, across snapshots, so a metric does not reset on reload.
 */
public final class FilterFailures {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String filterName) {
        counts.computeIfAbsent(filterName, k -> new LongAdder()).increment();
    }

    public long count(String filterName) {
        LongAdder adder = counts.get(filterName);
        return adder == null ? 0 : adder.sum();
    }

    /** A sorted copy of the counts. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((name, adder) -> copy.put(name, adder.sum()));
        return copy;
    }
}
