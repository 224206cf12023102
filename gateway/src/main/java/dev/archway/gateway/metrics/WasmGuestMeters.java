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
            switch (sample.type()) {
                case COUNTER -> FunctionCounter.builder("archway.wasm.counter", metrics, m -> valueOf(m, name))
                        .description("Counters defined by Wasm plugins").tag("name", name).register(registry);
                case GAUGE -> Gauge.builder("archway.wasm.gauge", metrics, m -> valueOf(m, name))
                        .description("Gauges defined by Wasm plugins").tag("name", name).register(registry);
                case HISTOGRAM -> {
                    FunctionCounter.builder("archway.wasm.histogram.count", metrics, m -> histogram(m, name, true))
                            .description("Samples recorded in histograms defined by Wasm plugins")
                            .tag("name", name).register(registry);
                    FunctionCounter.builder("archway.wasm.histogram.sum", metrics, m -> histogram(m, name, false))
                            .description("Sum of the samples recorded in histograms defined by Wasm plugins")
                            .tag("name", name).register(registry);
                }
            }
        }
    }

    private static double valueOf(GuestMetrics metrics, String name) {
        Long value = metrics.value(name);
        return value == null ? 0 : value;
    }

    private static double histogram(GuestMetrics metrics, String name, boolean count) {
        for (GuestMetrics.Sample sample : metrics.samples()) {
            if (sample.type() == GuestMetrics.Type.HISTOGRAM && sample.name().equals(name)) {
                return count ? sample.count() : sample.sum();
            }
        }
        return 0;
    }
}
