package dev.archway.gateway.metrics;

import dev.archway.wasm.vm.GuestMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics Wasm plugins define ({@code proxy_define_metric}), under fixed Archway names with
 * the guest's metric name as the {@code name} label: guest names follow no Prometheus rules, and
 * their number is bounded by what the plugins define, not by traffic. Registered before each
 * scrape as the guests define them.
 */
final class WasmGuestMeters {
    private final MeterRegistry registry;
    private final GuestMetrics metrics;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    WasmGuestMeters(MeterRegistry registry, GuestMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    void refresh() {
        for (GuestMetrics.Sample sample : metrics.samples()) {
            if (!registered.add(sample.type() + "\n" + sample.name())) {
                continue;
            }
            String name = sample.name();
            GuestMetrics.Type type = sample.type();
            switch (type) {
                case COUNTER -> FunctionCounter.builder("archway.wasm.counter", metrics,
                                m -> read(m, type, name, GuestMetrics.Sample::value))
                        .description("Counters defined by Wasm plugins").tag("name", name).register(registry);
                case GAUGE -> Gauge.builder("archway.wasm.gauge", metrics,
                                m -> read(m, type, name, GuestMetrics.Sample::value))
                        .description("Gauges defined by Wasm plugins").tag("name", name).register(registry);
                case HISTOGRAM -> {
                    FunctionCounter.builder("archway.wasm.histogram.count", metrics,
                                    m -> read(m, type, name, GuestMetrics.Sample::count))
                            .description("Samples recorded in histograms defined by Wasm plugins")
                            .tag("name", name).register(registry);
                    FunctionCounter.builder("archway.wasm.histogram.sum", metrics,
                                    m -> read(m, type, name, GuestMetrics.Sample::sum))
                            .description("Sum of the samples recorded in histograms defined by Wasm plugins")
                            .tag("name", name).register(registry);
                }
            }
        }
    }

    /** One figure of one metric, looked up by type and name (a counter and a gauge may share a name). */
    private static double read(GuestMetrics metrics, GuestMetrics.Type type, String name,
            java.util.function.ToLongFunction<GuestMetrics.Sample> figure) {
        GuestMetrics.Sample sample = metrics.sample(type, name);
        return sample == null ? 0 : figure.applyAsLong(sample);
    }
}
