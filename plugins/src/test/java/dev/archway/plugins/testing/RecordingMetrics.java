package dev.archway.plugins.testing;

import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterMetrics;
import dev.archway.plugins.spi.UpstreamClient;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a filter reports through {@link FilterMetrics}, as {@code allowed}, {@code denied:<reason>}, {@code failed:<reason>}. */
public final class RecordingMetrics implements FilterMetrics {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void allowed() {
        events.add("allowed");
    }

    @Override
    public void denied(String reason) {
        events.add("denied:" + reason);
    }

    @Override
    public void failed(String reason) {
        events.add("failed:" + reason);
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    /** A build context that hands out these metrics, around {@code base} for the rest. */
    public FilterBuildContext around(FilterBuildContext base) {
        RecordingMetrics self = this;
        return new FilterBuildContext() {
            @Override
            public Vertx vertx() {
                return base.vertx();
            }

            @Override
            public UpstreamClient upstreams() {
                return base.upstreams();
            }

            @Override
            public FilterMetrics metrics() {
                return self;
            }
        };
    }
}
