package dev.archway.extauth.server.auth;

import dev.archway.extauth.server.config.ApiKeyAuth;
import dev.archway.extauth.server.config.AuthConfig;
import dev.archway.extauth.server.config.BasicAuth;
import dev.archway.extauth.server.config.ChainAuth;
import dev.archway.extauth.server.config.ExtAuthServerConfig;
import dev.archway.extauth.server.config.IntrospectionAuth;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configs of one file at work, by name: built whole from a read config and swapped whole on
 * reload, so a request uses the set it started with. Caches (verified passwords, introspection
 * answers) belong to one set and go with it.
 */
public final class Authenticators {
    private final Map<String, Authenticator> byName = new HashMap<>();
    private final String defaultConfig;

    /** Builds every config of {@code config}; {@code client} makes introspection calls. */
    public Authenticators(Vertx vertx, HttpClient client, ExtAuthServerConfig config) {
        this.defaultConfig = config.defaultConfig();
        // The reader has checked that references resolve and have no cycle.
        for (String name : config.configs().keySet()) {
            build(name, vertx, client, config.configs());
        }
    }

    private Authenticator build(String name, Vertx vertx, HttpClient client, Map<String, AuthConfig> configs) {
        Authenticator built = byName.get(name);
        if (built != null) {
            return built;
        }
        AuthConfig config = configs.get(name);
        if (config instanceof ApiKeyAuth apiKey) {
            built = new ApiKeyAuthenticator(apiKey);
        } else if (config instanceof BasicAuth basic) {
            built = new BasicAuthenticator(vertx, basic);
        } else if (config instanceof IntrospectionAuth introspection) {
            built = new IntrospectionAuthenticator(client, introspection, System::currentTimeMillis);
        } else if (config instanceof ChainAuth chain) {
            built = new ChainAuthenticator(chain.all(),
                    chain.members().stream().map(member -> build(member, vertx, client, configs)).toList());
        } else {
            throw new IllegalArgumentException("no config " + name);
        }
        byName.put(name, built);
        return built;
    }

    /** The name a request without one gets, or null. */
    public String defaultConfig() {
        return defaultConfig;
    }

    /** The config called {@code name}, or null. */
    public Authenticator get(String name) {
        return name == null ? null : byName.get(name);
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }
}
