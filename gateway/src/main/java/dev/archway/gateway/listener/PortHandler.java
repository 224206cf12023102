package dev.archway.gateway.listener;

import io.vertx.core.http.HttpServerRequest;

/** Receives every request of every bound port; the runtime reads its current snapshot here. */
@FunctionalInterface
public interface PortHandler {
    /** @param portName {@code PortIr.name()} of the port that received the request */
    void handle(String portName, HttpServerRequest request);
}
