package dev.archway.plugins.spi;

/**
 * Where a filter reports its decisions, e.g. a JWT filter's accepted and rejected tokens. The
 * gateway keeps one set of counters per configured filter (by filter name) and shows them to
 * operators; reasons are short, fixed words ({@code missing_token}, {@code expired}), never
 * request data, so that the number of counters stays bounded. Calls must be cheap and never throw.
 */
public interface FilterMetrics {
    /** The request passed this filter's check. */
    void allowed();

    /** The filter refused the request (a local reply such as 401, 403 or 429). */
    void denied(String reason);

    /** The filter could not decide (its dependency failed) and answered or passed by policy. */
    void failed(String reason);

    /** Counts nothing: for tests and for hosts that do not collect metrics. */
    FilterMetrics NONE = new FilterMetrics() {
        @Override
        public void allowed() {}

        @Override
        public void denied(String reason) {}

        @Override
        public void failed(String reason) {}
    };
}
