package dev.archway.ratelimit.server.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code requests_per_unit} requests per {@code unit}. Zero is allowed and refuses every request,
 * as in Envoy's rate limit service.
 */
public record Limit(long requestsPerUnit, Unit unit) {
    /** The largest {@code requests_per_unit}: the wire field is a uint32. */
    public static final long MAX_REQUESTS_PER_UNIT = 0xFFFF_FFFFL;

    public Limit {
        requireNonNull(unit, "unit");
        if (requestsPerUnit < 0 || requestsPerUnit > MAX_REQUESTS_PER_UNIT) {
            throw new IllegalArgumentException(
                    "requestsPerUnit: " + requestsPerUnit + " (expected: 0 to " + MAX_REQUESTS_PER_UNIT + ")");
        }
    }

    /** {@code 100/minute}: part of every counter key, so a changed limit starts counting afresh. */
    @Override
    public String toString() {
        return requestsPerUnit + "/" + unit;
    }
}
