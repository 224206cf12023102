package dev.archway.extauth.server.config;

import dev.archway.sidekit.config.Address;
import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read and checked {@code ExtAuthServerConfig} file.
 *
 * @param grpc the ext_authz v3 gRPC (h2c) address, or null
 * @param http the HTTP-mode address, or null (at least one of the two is set)
 * @param admin the admin HTTP address ({@code /healthz}, {@code /ready}, {@code /metrics}), or null
 * @param defaultConfig the config used when the request names none, or null: such requests are refused
 * @param configs by name, in file order; references between them resolve and have no cycle
 */
public record ExtAuthServerConfig(Address grpc, Address http, Address admin, String defaultConfig,
        Map<String, AuthConfig> configs) {
    public ExtAuthServerConfig {
        if (grpc == null && http == null) {
            throw new IllegalArgumentException("listen: neither grpc nor http (expected: at least one)");
        }
        requireNonNull(configs, "configs");
        configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    }
}
