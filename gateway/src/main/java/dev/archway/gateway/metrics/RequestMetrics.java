package dev.archway.gateway.metrics;

import dev.archway.gatewayapi.ir.ListenerIr;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request meters of one runtime, looked up by names the router already holds (no
 * allocation). A route is bound once per snapshot but may serve several Gateways, so its meters
 * are found by listener and route rather than carried by the route.
 */
public final class RequestMetrics {
    private final GatewayMetrics metrics;
    private final Map<String, Map<String, RouteMeters>> byListener;
    private final Map<String, RouteMeters> unroutedByListener;
    private final Map<String, RouteMeters> unroutedByPort;
    private final RouteMeters unknownPort;
    private final Map<String, UpstreamMeters> upstreams;
    private final LongAdder active;

    RequestMetrics(GatewayMetrics metrics, Map<String, Map<String, RouteMeters>> byListener,
            Map<String, RouteMeters> unroutedByListener, Map<String, RouteMeters> unroutedByPort,
            RouteMeters unknownPort, Map<String, UpstreamMeters> upstreams, LongAdder active) {
        this.metrics = metrics;
        this.byListener = Map.copyOf(byListener);
        this.unroutedByListener = Map.copyOf(unroutedByListener);
        this.unroutedByPort = Map.copyOf(unroutedByPort);
        this.unknownPort = unknownPort;
        this.upstreams = Map.copyOf(upstreams);
        this.active = active;
    }

    /** The meters of cluster {@code name} of this snapshot. */
    public UpstreamMeters upstream(String name) {
        UpstreamMeters meters = upstreams.get(name);
        return meters != null ? meters : metrics.upstream(name);
    }

    /** A routed exchange started; {@link #exchangeEnded} follows exactly once. */
    public void exchangeStarted() {
        active.increment();
    }

    public void exchangeEnded() {
        active.decrement();
    }

    /** The meters of route {@code routeName} as served by {@code listener}. */
    public RouteMeters route(ListenerIr listener, String routeName) {
        Map<String, RouteMeters> routes = byListener.get(listener.name());
        RouteMeters meters = routes == null ? null : routes.get(routeName);
        // Every pair was resolved with the snapshot; this is a safety net, not a path.
        return meters != null ? meters : metrics.meters(GatewayMetrics.gatewayOf(listener), routeName);
    }

    /**
     * The meters of requests no route matched: by the listener's Gateway when a listener took the
     * request, else by the port's name ({@code portName} null when the port is not configured).
     */
    public RouteMeters unrouted(ListenerIr listener, String portName) {
        RouteMeters meters = listener != null ? unroutedByListener.get(listener.name())
                : portName != null ? unroutedByPort.get(portName) : null;
        return meters != null ? meters : unknownPort;
    }
}
