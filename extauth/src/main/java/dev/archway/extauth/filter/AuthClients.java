package dev.archway.extauth.filter;

import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.grpc.client.GrpcClient;

/**
 * The connections to auth services, one set per Vert.x instance, shared by every ext-auth filter and
 * kept across reloads: for gRPC services a few HTTP/2 connections per endpoint multiplexing every
 * check, for HTTP services a keep-alive pool per endpoint.
 */
final class AuthClients {
    static final int H2_CONNECTIONS_PER_ENDPOINT = 4;
    static final int HTTP1_CONNECTIONS_PER_ENDPOINT = 64;
    /** Checks that may wait for a connection; beyond that they fail at once rather than pile up. */
    static final int MAX_WAITING = 10_000;

    final Vertx vertx;
    final GrpcClient grpc;
    final HttpClient http;
    private final HttpClient h2c;

    AuthClients(Vertx vertx) {
        this.vertx = vertx;
        this.h2c = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
                        .setConnectTimeout(5_000))
                .with(new PoolOptions().setHttp2MaxSize(H2_CONNECTIONS_PER_ENDPOINT).setMaxWaitQueueSize(MAX_WAITING))
                .build();
        this.grpc = GrpcClient.client(vertx, h2c);
        this.http = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000))
                .with(new PoolOptions().setHttp1MaxSize(HTTP1_CONNECTIONS_PER_ENDPOINT).setMaxWaitQueueSize(MAX_WAITING))
                .build();
        // Envoy's message classes build large descriptor trees on first use, which took the first
        // checks after a start past a 200 ms timeout; build them now, off the event loop.
        vertx.executeBlocking(() -> {
            CheckResponse.parseFrom(CheckResponse.newBuilder()
                    .setOkResponse(OkHttpResponse.newBuilder().addHeadersToRemove("x"))
                    .setDeniedResponse(DeniedHttpResponse.getDefaultInstance()).build().toByteArray());
            return CheckRequest.newBuilder().setAttributes(AttributeContext.getDefaultInstance()).build().toByteArray();
        }, false);
    }

    Future<Void> close() {
        return grpc.close().eventually(h2c::close).eventually(http::close);
    }
}
