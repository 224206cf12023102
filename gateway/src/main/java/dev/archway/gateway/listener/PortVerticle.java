package dev.archway.gateway.listener;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One server instance of a port. A port deploys one instance per event loop; Vert.x shares the
 * socket between them and spreads the accepted connections over their loops.
 */
final class PortVerticle extends VerticleBase {
    private final String portName;
    private final String bindAddress;
    private final int port;
    private final HttpServerOptions options;
    private final PortHandler handler;
    private final List<HttpServer> servers;
    private final long drainMillis;
    private HttpServer server;

    private final BiConsumer<String, HttpConnection> connections;

    PortVerticle(String portName, String bindAddress, int port, HttpServerOptions options, PortHandler handler,
            List<HttpServer> servers, long drainMillis,
            BiConsumer<String, HttpConnection> connections) {
        this.connections = connections;
        this.portName = portName;
        this.bindAddress = bindAddress;
        this.port = port;
        this.options = options;
        this.handler = handler;
        this.servers = servers;
        this.drainMillis = drainMillis;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions(options))
                .connectionHandler(connection -> connections.accept(portName, connection))
                .requestHandler(request -> handler.handle(portName, request))
                .invalidRequestHandler(InvalidRequests::handle);
        return server.listen(port, bindAddress).onSuccess(servers::add);
    }

    @Override
    public Future<?> stop() {
        servers.remove(server);
        // Stop accepting, let requests in flight finish, then close what is left.
        return server.shutdown(drainMillis, TimeUnit.MILLISECONDS);
    }
}
