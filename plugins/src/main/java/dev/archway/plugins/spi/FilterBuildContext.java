package dev.archway.plugins.spi;

import io.vertx.core.Vertx;

/** What a factory may use to build a filter. */
public interface FilterBuildContext {
    Vertx vertx();

    /** Sends requests to clusters of the snapshot being built (mirrors, auth calls, ...). */
    UpstreamClient upstreams();

    /** The counters of the filter being built (one set per configured filter). */
    default FilterMetrics metrics() {
        return FilterMetrics.NONE;
    }
}
