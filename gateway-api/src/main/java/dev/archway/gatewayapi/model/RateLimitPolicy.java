package dev.archway.gatewayapi.model;

import java.util.List;

/** {@code TrafficPolicy.spec.rateLimit}, as written by users. */
public record RateLimitPolicy(Local local, Global global) {

    /** A token bucket per key, kept in this gateway's memory. */
    public record Local(TokenBucket tokenBucket, Key key) {}

    /** @param fillInterval a Gateway API duration, e.g. {@code 1s} */
    public record TokenBucket(Long maxTokens, Long tokensPerFill, String fillInterval) {}

    /** {@code type}: RemoteAddress, Header or Claim (with {@code name}); absent: the whole target. */
    public record Key(String type, String name) {}

    /**
     * Limits counted by a rate limit service (Envoy RLS v3), shared by every gateway replica.
     *
     * @param extensionRef a GatewayExtension with {@code spec.rateLimit}, in the policy's namespace
     * @param descriptors each becomes one descriptor of the request to the service
     */
    public record Global(ExtensionRef extensionRef, List<Descriptor> descriptors) {}

    /** The name of a GatewayExtension. */
    public record ExtensionRef(String name) {}

    /** An ordered list of entries; the service matches them against its nested descriptors. */
    public record Descriptor(List<Entry> entries) {}

    /**
     * One descriptor entry. {@code type}: Generic ({@code key}, {@code value}), RemoteAddress,
     * Header ({@code header}, {@code key}), Path, or Claim ({@code claim}, {@code key}).
     */
    public record Entry(String type, String key, String value, String header, String claim) {}
}
