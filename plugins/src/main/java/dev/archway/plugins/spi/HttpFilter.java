package dev.archway.plugins.spi;

import io.vertx.core.buffer.Buffer;

/**
 * A filter on the request path. Built once per snapshot by its {@link FilterFactory}; the same
 * instance serves many requests on many event loops at once, so it keeps no per-request fields
 * (per-request state goes in {@link HttpFilterContext#attributes()}).
 */
public interface HttpFilter {

    /** Request headers arrived. May change the request, reply, or wait. */
    default FilterStep onRequestHeaders(HttpFilterContext ctx) {
        return FilterStep.next();
    }

    /**
     * The whole request body, when {@link #requestBodyMode()} is {@link BodyMode#BUFFER}; called
     * after {@link #onRequestHeaders}. The filter may replace it with
     * {@link HttpFilterContext#replaceRequestBody(Buffer)}.
     */
    default FilterStep onRequestBody(HttpFilterContext ctx, Buffer body) {
        return FilterStep.next();
    }

    /** Upstream response headers arrived (or a local reply is about to be sent). */
    default FilterStep onResponseHeaders(HttpFilterContext ctx) {
        return FilterStep.next();
    }

    /** The exchange ended, successfully or not. For logs and metrics; must not throw. */
    default void onComplete(HttpFilterContext ctx) {}

    /**
     * Releases what the filter holds (timers, connections, Wasm instances). Called once, off the
     * event loop, when no request can use the filter any more: after the snapshot it was built for
     * was replaced and its last request ended, or when that snapshot was rejected. Must not throw.
     */
    default void close() {}

    /** Whether this filter needs the request body buffered. Streaming is the default. */
    default BodyMode requestBodyMode() {
        return BodyMode.STREAM;
    }
}
