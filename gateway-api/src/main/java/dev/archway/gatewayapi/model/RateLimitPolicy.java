package dev.archway.gatewayapi.model;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code TrafficPolicy.spec.rateLimit}, as written by users. */
public record RateLimitPolicy(Local local, JsonNode global) {

    /** A token bucket per key, kept in this gateway's memory. */
    public record Local(TokenBucket tokenBucket, Key key) {}

    /** @param fillInterval a Gateway API duration, e.g. {@code 1s} */
    public record TokenBucket(Long maxTokens, Long tokensPerFill, String fillInterval) {}

    /** {@code type}: RemoteAddress, Header or Claim (with {@code name}); absent: the whole target. */
    public record Key(String type, String name) {}
}
