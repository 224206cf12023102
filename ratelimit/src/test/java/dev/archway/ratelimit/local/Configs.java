package dev.archway.ratelimit.local;

import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig.Key;
import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig.KeyType;
import java.time.Duration;

/** Configs for the tests, named by what they limit. */
final class Configs {
    static final String BUCKETS = "trafficpolicy/default/orders/rateLimit";

    private Configs() {}

    static LocalRateLimitConfig whole(long maxTokens, long perFill, Duration interval) {
        return new LocalRateLimitConfig(BUCKETS, maxTokens, perFill, interval, Key.WHOLE_TARGET);
    }

    static LocalRateLimitConfig byRemoteAddress(long maxTokens, Duration interval) {
        return new LocalRateLimitConfig(BUCKETS, maxTokens, maxTokens, interval, new Key(KeyType.REMOTE_ADDRESS, null));
    }

    static LocalRateLimitConfig byHeader(String header, long maxTokens, Duration interval) {
        return new LocalRateLimitConfig(BUCKETS, maxTokens, maxTokens, interval, new Key(KeyType.HEADER, header));
    }

    static LocalRateLimitConfig byClaim(String claim, long maxTokens, Duration interval) {
        return new LocalRateLimitConfig(BUCKETS, maxTokens, maxTokens, interval, new Key(KeyType.CLAIM, claim));
    }
}
