package dev.archway.gateway.trace;

/**
 * The trace of one proxied request, from the gateway's side: the context the access log names,
 * and the spans recorded when tracing is on. Every method is cheap and safe to call when it is off.
 */
public interface RequestTrace {

    /** A request that carried no valid trace context, with tracing off: nothing to do. */
    RequestTrace NONE = new Passthrough(null);

    /** The trace id and the gateway's span id, or null when the request is not traced. */
    TraceContext context();

    /**
     * One try at the upstream starts: records a client span under the gateway's span and points
     * the upstream's {@code traceparent} at it (when tracing is off, the header set on arrival stays).
     *
     * @param headers the headers the upstream gets
     */
    UpstreamSpan upstream(io.vertx.core.MultiMap headers, String method, String cluster, String address);

    /** A filter waits (ext auth, a Wasm http call): the returned action ends its span. */
    Runnable filterWaits(String filter);

    /**
     * The exchange ended.
     *
     * @param status the status sent to the client, 0 when none was
     * @param outcome the access log's outcome, e.g. {@code upstream}, {@code local_reply}
     */
    void end(int status, String outcome);

    /** The span of one try at the upstream. */
    interface UpstreamSpan {
        UpstreamSpan NONE = (status, error) -> {};

        /**
         * @param status the upstream's status, 0 when it did not answer
         * @param error why the try failed, or null
         */
        void end(int status, String error);
    }

    /** Tracing off: the caller's context continued as it came, no spans. */
    record Passthrough(TraceContext context) implements RequestTrace {
        private static final Runnable NOTHING = () -> {};

        @Override
        public UpstreamSpan upstream(io.vertx.core.MultiMap headers, String method, String cluster, String address) {
            return UpstreamSpan.NONE;
        }

        @Override
        public Runnable filterWaits(String filter) {
            return NOTHING;
        }

        @Override
        public void end(int status, String outcome) {}
    }
}
