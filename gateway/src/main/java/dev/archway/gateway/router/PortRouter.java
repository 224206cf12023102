package dev.archway.gateway.router;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.ListenerIr;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.VirtualHostIr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The router of one port, immutable and built once per snapshot. Requests from any event loop may
 * use it concurrently.
 *
 * @param <R> what the runtime attached to each route (its filter chain and backends)
 */
public final class PortRouter<R> {
    private final PortIr port;
    private final HostTable<ListenerRoutes<R>> listeners;

    private PortRouter(PortIr port, HostTable<ListenerRoutes<R>> listeners) {
        this.port = port;
        this.listeners = listeners;
    }

    /**
     * Compiles {@code port}; {@code bind} is called once per route occurrence and its answer
     * travels with the route.
     *
     * @throws IllegalArgumentException naming the route when a regex does not compile
     */
    public static <R> PortRouter<R> compile(PortIr port, Function<RouteIr, R> bind) {
        requireNonNull(port, "port");
        requireNonNull(bind, "bind");
        List<ListenerRoutes<R>> compiled = new ArrayList<>();
        for (ListenerIr listener : port.listeners()) {
            List<VirtualHostRoutes<R>> hosts = new ArrayList<>();
            for (VirtualHostIr host : listener.virtualHosts()) {
                hosts.add(new VirtualHostRoutes<>(host, RouteTable.build(host.routes(), bind)));
            }
            compiled.add(new ListenerRoutes<>(listener, HostTable.build(hosts, h -> h.host().hostname())));
        }
        return new PortRouter<>(port, HostTable.build(compiled, l -> l.listener().hostname()));
    }

    public PortIr port() {
        return port;
    }

    /** The listener serving {@code host} (normalized), or null. */
    public ListenerIr listenerFor(String host) {
        ListenerRoutes<R> listener = listeners.find(host);
        return listener == null ? null : listener.listener();
    }

    public RouteSelection<R> select(RouteRequest request) {
        ListenerRoutes<R> listener = listeners.find(request.host());
        if (listener == null) {
            return new RouteSelection<>(null, null, null, List.of());
        }
        VirtualHostRoutes<R> host = listener.hosts().find(request.host());
        if (host == null) {
            return new RouteSelection<>(listener.listener(), null, null, List.of());
        }
        CompiledRoute<R> route = host.table().select(request);
        return new RouteSelection<>(listener.listener(), host.host(), route, host.table().all());
    }

    private record ListenerRoutes<R>(ListenerIr listener, HostTable<VirtualHostRoutes<R>> hosts) {}

    private record VirtualHostRoutes<R>(VirtualHostIr host, RouteTable<R> table) {}
}
