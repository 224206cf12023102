package dev.archway.gateway.runtime;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.chain.BoundRoute;
import dev.archway.gateway.chain.Dispatcher;
import dev.archway.gateway.chain.ExchangeEnv;
import dev.archway.gateway.router.PortRouter;
import dev.archway.gatewayapi.ir.Snapshot;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * Everything one snapshot serves with: a router per port (routes carry their built filter
 * chains) and the clusters. Immutable; a request keeps the runtime it arrived on until it ends.
 */
public final class GatewayRuntime {
    private final Snapshot snapshot;
    private final Map<String, PortRouter<BoundRoute>> routers;
    private final ExchangeEnv env;

    GatewayRuntime(Snapshot snapshot, Map<String, PortRouter<BoundRoute>> routers, ExchangeEnv env) {
        this.snapshot = requireNonNull(snapshot, "snapshot");
        this.routers = Map.copyOf(routers);
        this.env = requireNonNull(env, "env");
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** The router of the port named {@code portName}, or null. */
    public PortRouter<BoundRoute> router(String portName) {
        return routers.get(portName);
    }

    public ExchangeEnv env() {
        return env;
    }

    void serve(String portName, HttpServerRequest request) {
        Dispatcher.serve(request, routers.get(portName), env);
    }
}
