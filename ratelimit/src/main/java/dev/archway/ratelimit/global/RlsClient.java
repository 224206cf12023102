package dev.archway.ratelimit.global;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.ratelimit.rls.RateLimitServiceMethods;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@code ShouldRateLimit} over h2c. One client per Vert.x instance serves every global-limit
 * filter: per service endpoint it keeps a few HTTP/2 connections and multiplexes all calls on them.
 * A call never waits longer than its timeout, counted from the moment it is made (so a connection
 * that cannot be opened counts too); when the timer wins, the stream is cancelled.
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
     * The service's answer, completed on the caller's context; fails with {@link RlsCallFailure}
     * when the service cannot be reached, answers with a gRPC error, or is slower than {@code timeout}.
     */
    Future<RateLimitResponse> check(EndpointIr endpoint, RateLimitRequest request, Duration timeout) {
        Promise<RateLimitResponse> answer = Promise.promise();
        long millis = Math.max(1, timeout.toMillis());
        GrpcClientRequest<?, ?>[] call = new GrpcClientRequest<?, ?>[1];
        long timer = vertx.setTimer(millis, t -> {
            if (answer.tryFail(new RlsCallFailure(RlsCallFailure.Reason.TIMEOUT, "no answer within " + millis + " ms"))
                    && call[0] != null) {
                call[0].cancel();
            }
        });
        grpc.request(SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host()), RateLimitServiceMethods.CLIENT)
                .compose(c -> {
                    call[0] = c;
                    // The deadline travels too (grpc-timeout), so the service can give up in time as well.
                    c.timeout(millis, TimeUnit.MILLISECONDS);
                    return c.send(request);
                })
                .compose(response -> response.last())
                .onComplete(done -> {
                    vertx.cancelTimer(timer);
                    if (done.succeeded()) {
                        answer.tryComplete(done.result());
                    } else {
                        answer.tryFail(classify(done.cause()));
                    }
                });
        return answer.future();
    }

    Future<Void> close() {
        return grpc.close().eventually(() -> http.close());
    }

    private static RlsCallFailure classify(Throwable cause) {
        if (cause instanceof RlsCallFailure failure) {
            return failure;
        }
        if (cause instanceof GrpcErrorException grpcError) {
            return statusFailure(grpcError.status(), grpcError.getMessage());
        }
        if (cause instanceof InvalidStatusException badStatus) {
            return statusFailure(badStatus.actualStatus(), null);
        }
        if (cause instanceof ConnectException) {
            return new RlsCallFailure(RlsCallFailure.Reason.UNAVAILABLE, "cannot connect: " + cause.getMessage());
        }
        return new RlsCallFailure(RlsCallFailure.Reason.UNAVAILABLE, String.valueOf(cause));
    }

    private static RlsCallFailure statusFailure(GrpcStatus status, String message) {
        RlsCallFailure.Reason reason = switch (status) {
            case UNAVAILABLE -> RlsCallFailure.Reason.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> RlsCallFailure.Reason.TIMEOUT;
            default -> RlsCallFailure.Reason.ERROR;
        };
        return new RlsCallFailure(reason, "gRPC status " + status + describe(message));
    }

    private static String describe(String message) {
        return message == null || message.isEmpty() ? "" : ": " + message;
    }
}
