package dev.archway.gatewayapi.ir;

import static java.util.Objects.requireNonNull;

/**
 * A filter as config: the data plane builds it with the factory registered for {@code kind}.
 *
 * @param kind a stable kind string such as {@code gateway.networking.k8s.io/RequestHeaderModifier}
 *     or {@code archway.dev/direct-response} (see {@link dev.archway.gatewayapi.ir.filters.FilterKinds})
 * @param name deterministic, e.g. {@code httproute/<ns>/<name>/rule/0/filter/1}
 * @param config an immutable record whose type the factory declares
 */
public record FilterSpec(String kind, String name, Object config) {
    public FilterSpec {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        requireNonNull(config, "config");
    }
}
