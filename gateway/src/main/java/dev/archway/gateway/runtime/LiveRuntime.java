package dev.archway.gateway.runtime;

import dev.archway.gateway.listener.PortHandler;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runtime serving now. Each request reads it once, on arrival, and keeps it for the whole
 * exchange, so a swap never changes the rules under a request in flight.
 */
public final class LiveRuntime implements PortHandler {
    private final AtomicReference<GatewayRuntime> current = new AtomicReference<>();

    /** The runtime serving now, or null before the first config. */
    public GatewayRuntime current() {
        return current.get();
    }

    /** Makes {@code runtime} serve new requests; returns the one it replaces (or null). */
    public GatewayRuntime swap(GatewayRuntime runtime) {
        return current.getAndSet(runtime);
    }

    @Override
    public void handle(String portName, HttpServerRequest request) {
        // A runtime read just before a swap may close before the request counts on it: read again.
        while (true) {
            GatewayRuntime runtime = current.get();
            if (runtime == null) {
                request.response().setStatusCode(503).putHeader("content-type", "text/plain; charset=utf-8")
                        .end("no configuration loaded yet\n");
                return;
            }
            if (runtime.serve(portName, request)) {
                return;
            }
        }
    }
}
