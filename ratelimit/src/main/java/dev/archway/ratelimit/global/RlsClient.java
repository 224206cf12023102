package dev.archway.ratelimit.global;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.ratelimit.rls.RateLimitServiceMethods;
import dev.archway.sidekit.grpc.CallFailure;
import dev.archway.sidekit.grpc.UnaryCall;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.grpc.client.GrpcClient;
import java.time.Duration;

/**
 * Calls {@code ShouldRateLimit} over h2c. One client per Vert.x instance serves every global-limit
 * filter: per service endpoint it keeps a few HTTP/2 connections and multiplexes all calls on them.
 * A call never waits longer than its timeout ({@link UnaryCall}).
 */
final class RlsClient {
    /** HTTP/2 connections per service endpoint; each carries up to the server's stream limit. */
    static final int CONNECTIONS_PER_ENDPOINT = 4;
    /** Calls that may wait for a connection; beyond that they fail at once rather than pile up. */
    static final int MAX_WAITING_CALLS = 10_000;

    private final Vertx vertx;
    private final HttpClient http;
    private final GrpcClient grpc;

    RlsClient(Vertx vertx) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.http = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_2)
                        // Rate limit services speak gRPC with prior knowledge, never an h2c upgrade.
                        .setHttp2ClearTextUpgrade(false)
                        .setConnectTimeout(5_000)
                        .setKeepAlive(true))
                .with(new PoolOptions().setHttp2MaxSize(CONNECTIONS_PER_ENDPOINT).setMaxWaitQueueSize(MAX_WAITING_CALLS))
                .build();
        this.grpc = GrpcClient.client(vertx, http);
        // Envoy's message classes build their descriptors on first use, slow enough to push the
        // first calls after a start past a 100 ms timeout; build them now, off the event loop.
        vertx.executeBlocking(() -> RateLimitResponse.parseFrom(RateLimitResponse.newBuilder()
                .addStatuses(RateLimitResponse.DescriptorStatus.getDefaultInstance()).build().toByteArray())
                .toBuilder().build().toByteArray().length
                + RateLimitRequest.getDefaultInstance().toByteArray().length, false);
    }

    /**
     * The service's answer, completed on the caller's context; fails with a {@link CallFailure}
     * when the service cannot be reached, answers with a gRPC error, or is slower than {@code timeout}.
     */
    Future<RateLimitResponse> check(EndpointIr endpoint, RateLimitRequest request, Duration timeout) {
        return UnaryCall.call(vertx, grpc, endpoint.host(), endpoint.port(), RateLimitServiceMethods.CLIENT, request,
                Math.max(1, timeout.toMillis()));
    }

    Future<Void> close() {
        return grpc.close().eventually(() -> http.close());
    }
}
