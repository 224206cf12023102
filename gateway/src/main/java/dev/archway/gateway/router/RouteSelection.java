package dev.archway.gateway.router;

import dev.archway.gatewayapi.ir.ListenerIr;
import dev.archway.gatewayapi.ir.VirtualHostIr;
import java.util.List;

/**
 * Where a request landed. Fields are null past the step that failed: no listener for the host,
 * no virtual host in the listener, or no route in the virtual host (each answers 404).
 *
 * @param candidates every route of the virtual host in rank order (for explanations), or empty
 */
public record RouteSelection<R>(ListenerIr listener, VirtualHostIr virtualHost, CompiledRoute<R> route,
        List<CompiledRoute<R>> candidates) {

    public boolean matched() {
        return route != null;
    }
}
