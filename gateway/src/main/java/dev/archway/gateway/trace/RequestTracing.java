package dev.archway.gateway.trace;

import io.vertx.core.MultiMap;

/**
 * Where a request's trace begins. Off by default: the caller's {@code traceparent} is continued
 * with a span id of the gateway's and nothing is recorded, at the cost of one header read. On
 * ({@link OtlpTracing}), the gateway records server, upstream and filter-wait spans, starts
 * traces for requests that carry none, and exports them over OTLP.
 */
public interface RequestTracing {

    RequestTracing OFF = new RequestTracing() {
        @Override
        public RequestTrace begin(MultiMap headers, RequestInfo request) {
            TraceContext continued = TraceContext.continueFrom(headers);
            return continued == null ? RequestTrace.NONE : new RequestTrace.Passthrough(continued);
        }

        @Override
        public void close() {}
    };

    /**
     * A routed request arrives: reads its {@code traceparent} and sets the one the upstream gets.
     *
     * @param headers the request's headers as they will be forwarded
     * @param request what the server span names; null when this is {@link #OFF}, which records none
     */
    RequestTrace begin(MultiMap headers, RequestInfo request);

    /** Exports what is still queued and stops; waits a few seconds at most. */
    void close();

    /**
     * What a server span names.
     *
     * @param startEpochNanos when the request arrived, nanoseconds since the epoch
     */
    record RequestInfo(String method, String scheme, String host, String path, String route, String clientAddress,
            String protocol, long startEpochNanos) {}
}
