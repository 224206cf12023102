package dev.archway.ratelimit.server.config;

import dev.archway.sidekit.config.Address;
import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A read and checked {@code RateLimitServerConfig} file.
 *
 * @param listen the gRPC (h2c) address
 * @param admin the admin HTTP address ({@code /healthz}, {@code /ready}, {@code /metrics}), or
 *     null for none
 * @param redis where counts are shared, or null: counts in this process's memory
 * @param domains the descriptor trees by domain name, in file order
 */
public record RateLimitServerConfig(Address listen, Address admin, RedisSettings redis, Map<String, Domain> domains) {
    public RateLimitServerConfig {
        requireNonNull(listen, "listen");
        domains = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(domains));
    }
}
