package dev.archway.ratelimit.global;

import dev.archway.ratelimit.rls.RateLimitServiceMethods;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A minimal RLS v3 server for tests of the client filter: real gRPC over loopback, answering what
 * the test scripts and recording what it was asked. Not the Archway rate limit server, on purpose:
 * it proves the filter follows the protocol rather than Archway's own server.
 */
final class ScriptedRateLimitService implements AutoCloseable {
    /** The answer to a request: a response, or null to never answer. */
    volatile Function<RateLimitRequest, RateLimitResponse> answer =
            r -> RateLimitResponse.newBuilder().setOverallCode(RateLimitResponse.Code.OK).build();
    /** When set, every call ends with this gRPC status instead. */
    volatile GrpcStatus failWith;
    final List<RateLimitRequest> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    ScriptedRateLimitService(Vertx vertx) {
        GrpcServer grpc = GrpcServer.server(vertx);
        grpc.callHandler(RateLimitServiceMethods.SERVER, call -> call.handler(request -> {
            received.add(request);
            if (failWith != null) {
                call.response().status(failWith).statusMessage("scripted failure").end();
                return;
            }
            RateLimitResponse response = answer.apply(request);
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
