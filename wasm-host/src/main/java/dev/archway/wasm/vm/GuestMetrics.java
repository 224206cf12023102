package dev.archway.wasm.vm;

import dev.archway.wasm.abi.AbiTypes;
import dev.archway.wasm.abi.MetricStore;
import dev.archway.wasm.abi.WasmResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The metrics guests define, for the whole process: names are global as in Envoy, so every
 * instance of a plugin (one per event loop) adds to the same counter. The gateway exports them.
 */
public final class GuestMetrics implements MetricStore {
    private static final GuestMetrics GLOBAL = new GuestMetrics();

    private final Map<String, Metric> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Metric> byId = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();

    /** The process's metrics. */
    public static GuestMetrics global() {
        return GLOBAL;
    }

    /** What a metric shows: a counter or gauge value, or a histogram's count and sum. */
    public record Sample(String name, Type type, long value, long count, long sum) {}

    public enum Type {
        COUNTER,
        GAUGE,
        HISTOGRAM
    }

    @Override
    public int define(int type, String name) {
        Type kind = switch (type) {
            case AbiTypes.METRIC_COUNTER -> Type.COUNTER;
            case AbiTypes.METRIC_GAUGE -> Type.GAUGE;
            case AbiTypes.METRIC_HISTOGRAM -> Type.HISTOGRAM;
            default -> null;
        };
        if (kind == null || name.isEmpty()) {
            return 0;
        }
        Metric metric = byName.computeIfAbsent(kind + ":" + name, k -> {
            Metric created = new Metric(nextId.incrementAndGet(), name, kind);
            byId.put(created.id, created);
            return created;
        });
        return metric.id;
    }

    @Override
    public int increment(int id, long delta) {
        Metric metric = byId.get(id);
        if (metric == null) {
            return WasmResult.NOT_FOUND;
        }
        switch (metric.type) {
            case COUNTER -> metric.adder.add(delta);
            case GAUGE -> metric.gauge.addAndGet(delta);
            default -> {
                return WasmResult.BAD_ARGUMENT;
            }
        }
        return WasmResult.OK;
    }

    @Override
    public int record(int id, long value) {
        Metric metric = byId.get(id);
        if (metric == null) {
            return WasmResult.NOT_FOUND;
        }
        switch (metric.type) {
            case GAUGE -> metric.gauge.set(value);
            case HISTOGRAM -> {
                metric.adder.increment();
                metric.sum.add(value);
            }
            default -> {
                return WasmResult.BAD_ARGUMENT;
            }
        }
        return WasmResult.OK;
    }

    @Override
    public Long get(int id) {
        Metric metric = byId.get(id);
        if (metric == null) {
            return null;
        }
        return switch (metric.type) {
            case COUNTER -> metric.adder.sum();
            case GAUGE -> metric.gauge.get();
            case HISTOGRAM -> null;
        };
    }

    /** Every metric, sorted by name then type. */
    public List<Sample> samples() {
        List<Sample> all = new ArrayList<>();
        for (Metric m : byName.values()) {
            all.add(m.sample());
        }
        all.sort(Comparator.comparing(Sample::name).thenComparing(Sample::type));
        return all;
    }

    /** The metric {@code name} of {@code type} as it is now, or null when no guest defined it. */
    public Sample sample(Type type, String name) {
        Metric metric = byName.get(type + ":" + name);
        return metric == null ? null : metric.sample();
    }

    /** The value of the counter or gauge {@code name}, or null. */
    public Long value(String name) {
        for (Type type : new Type[] {Type.COUNTER, Type.GAUGE}) {
            Metric metric = byName.get(type + ":" + name);
            if (metric != null) {
                return type == Type.GAUGE ? metric.gauge.get() : metric.adder.sum();
            }
        }
        return null;
    }

    private static final class Metric {
        final int id;
        final String name;
        final Type type;
        final LongAdder adder = new LongAdder();
        final LongAdder sum = new LongAdder();
        final AtomicLong gauge = new AtomicLong();

        Metric(int id, String name, Type type) {
            this.id = id;
            this.name = name;
            this.type = type;
        }

        Sample sample() {
            long value = type == Type.GAUGE ? gauge.get() : adder.sum();
            return new Sample(name, type, value, adder.sum(), sum.sum());
        }
    }
}
