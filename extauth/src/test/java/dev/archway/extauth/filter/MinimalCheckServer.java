package dev.archway.extauth.filter;

import dev.archway.extauth.protocol.AuthorizationServiceMethods;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.server.GrpcServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A Check service written for the tests, not Archway's ext-auth server: real gRPC over loopback,
 * answering what the test scripts, recording what it was asked. It proves the filter follows
 * Envoy's protocol rather than Archway's own server.
 */
final class MinimalCheckServer implements AutoCloseable {
    /** The answer; null never answers. */
    volatile Function<CheckRequest, CheckResponse> answer = r -> CheckResponse.newBuilder().build();
    final List<CheckRequest> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    MinimalCheckServer(Vertx vertx) {
        GrpcServer grpc = GrpcServer.server(vertx);
        grpc.callHandler(AuthorizationServiceMethods.SERVER, call -> call.handler(request -> {
            received.add(request);
            CheckResponse response = answer.apply(request);
            if (response != null) {
                call.response().end(response);
            }
        }));
        server = vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1").await();
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close().await();
    }
}
