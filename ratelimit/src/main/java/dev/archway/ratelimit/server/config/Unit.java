package dev.archway.ratelimit.server.config;

import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import java.time.Duration;
import java.util.Locale;

/** The period a limit's {@code requests_per_unit} come back in. */
public enum Unit {
    SECOND(Duration.ofSeconds(1), RateLimitResponse.RateLimit.Unit.SECOND),
    MINUTE(Duration.ofMinutes(1), RateLimitResponse.RateLimit.Unit.MINUTE),
    HOUR(Duration.ofHours(1), RateLimitResponse.RateLimit.Unit.HOUR),
    DAY(Duration.ofDays(1), RateLimitResponse.RateLimit.Unit.DAY);

    /** For error messages, in the order a reader expects. */
    static final String NAMES = "second, minute, hour, day";

    private final Duration period;
    private final RateLimitResponse.RateLimit.Unit wire;

    Unit(Duration period, RateLimitResponse.RateLimit.Unit wire) {
        this.period = period;
        this.wire = wire;
    }

    public Duration period() {
        return period;
    }

    /** As a {@code current_limit} reports it to Envoy. */
    public RateLimitResponse.RateLimit.Unit wire() {
        return wire;
    }

    /** The unit named {@code text} in any case ({@code minute}, {@code MINUTE}), or null. */
    static Unit parse(String text) {
        for (Unit unit : values()) {
            if (unit.name().equals(text.toUpperCase(Locale.ROOT))) {
                return unit;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
