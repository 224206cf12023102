package dev.archway.gatewayapi.ir.filters;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;

/**
 * A local token bucket ({@code TrafficPolicy.rateLimit.local}): each key starts with
 * {@code maxTokens}, a request takes one, and {@code tokensPerFill} come back every
 * {@code fillInterval} up to {@code maxTokens}. A request finding the bucket empty gets 429.
 *
 * @param bucketName the policy field the buckets belong to ({@code trafficpolicy/<ns>/<name>/rateLimit}):
 *     every route the policy applies to shares its buckets, and they outlive reloads
 * @param key what one bucket is for
 */
public record LocalRateLimitConfig(
        String bucketName,
        long maxTokens,
        long tokensPerFill,
        @JsonSerialize(using = ToStringSerializer.class) Duration fillInterval,
        Key key) {

    /** What requests share a bucket. */
    public enum KeyType {
        /** One bucket for everything the policy applies to. */
        WHOLE_TARGET,
        /** One per client address as seen on the socket. */
        REMOTE_ADDRESS,
        /** One per value of header {@code name}; requests without it share one. */
        HEADER,
        /** One per value of JWT claim {@code name} (dotted path); requests without it share one. */
        CLAIM
    }

    /** @param name the header or claim, null for the other types */
    public record Key(KeyType type, String name) {
        public static final Key WHOLE_TARGET = new Key(KeyType.WHOLE_TARGET, null);
    }
}
