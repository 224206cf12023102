package dev.archway.gateway.runtime;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.chain.BoundRoute;
import dev.archway.gateway.chain.Dispatcher;
import dev.archway.gateway.chain.ExchangeEnv;
import dev.archway.gateway.router.PortRouter;
import dev.archway.gatewayapi.ir.Snapshot;
import io.vertx.core.http.HttpServerRequest;
import dev.archway.plugins.spi.HttpFilter;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one snapshot serves with: a router per port (routes carry their built filter
 * chains) and the clusters. Immutable; a request keeps the runtime it arrived on until it ends.
 */
public final class GatewayRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);

    private final Snapshot snapshot;
    private final Map<String, PortRouter<BoundRoute>> routers;
    private final ExchangeEnv env;
    private final List<HttpFilter> filters;

    GatewayRuntime(Snapshot snapshot, Map<String, PortRouter<BoundRoute>> routers, ExchangeEnv env, List<HttpFilter> filters) {
        this.snapshot = requireNonNull(snapshot, "snapshot");
        this.routers = Map.copyOf(routers);
        this.env = requireNonNull(env, "env");
        this.filters = List.copyOf(filters);
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

    /** Serves {@code request}, or answers false when this runtime was retired and is closed. */
    boolean serve(String portName, HttpServerRequest request) {
        if (!env.inFlight().tryEnter()) {
            return false;
        }
        Dispatcher.serve(request, routers.get(portName), env);
        return true;
    }

    /**
     * A newer runtime serves new requests: once the last exchange of this one ended, its filters
     * are closed (on a worker thread: a filter's close may wait for its resources).
     */
    void retire() {
        env.inFlight().retire(() -> env.vertx().executeBlocking(() -> {
            closeAll(filters);
            return null;
        }));
    }

    /** Closes each filter; one that throws does not keep the others open. */
    static void closeAll(List<HttpFilter> filters) {
        for (HttpFilter filter : filters) {
            try {
                filter.close();
            } catch (RuntimeException e) {
                LOG.warn("filter {} failed to close", filter.getClass().getName(), e);
            }
        }
    }
}
