package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A GRPCRoute served over HTTP/2 end to end: an h2c client, the gateway, an h2c backend that
 * answers the way a gRPC server does (status in trailers). The trailers must reach the client,
 * which is what gRPC needs and what several Java gateways lose.
 */
class GrpcRouteTest {
    static Vertx vertx;
    static HttpServer backend;
    static HttpClientAgent client;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        backend = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
                .requestHandler(req -> req.body().onSuccess(body -> req.response()
                        .putHeader("content-type", "application/grpc")
                        .putHeader("x-seen-path", req.path())
                        .putHeader("x-seen-version", req.version().name())
                        .putTrailer("grpc-status", "0")
                        .putTrailer("grpc-message", "echoed " + body.length() + " bytes")
                        .end(body)))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        port = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-grpc");
        GatewayProcess.write(dir, "config.yaml", Configs.gateway(port) + """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: grpc-echo, namespace: default}
                spec:
                  static: {hosts: [{host: 127.0.0.1, port: %d}]}
                  appProtocol: h2c
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: echo, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - matches: [{method: {service: echo.Echo, method: Say}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: grpc-echo}]
                """.formatted(backend.actualPort()));
        gateway = GatewayProcess.start(dir);
        client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void grpcCallReachesTheBackendOverHttp2AndTrailersComeBack() throws Exception {
        Buffer message = Buffer.buffer(new byte[] {0, 0, 0, 0, 3, 1, 2, 3});
        // Read the body in the same chain: a response body not consumed on its event loop is dropped.
        var exchange = client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                        .setURI("/echo.Echo/Say").putHeader("content-type", "application/grpc").putHeader("te", "trailers"))
                .compose(req -> req.send(message))
                .compose(resp -> resp.body().map(b -> java.util.Map.entry(resp, b)))
                .await(10, TimeUnit.SECONDS);
        var response = exchange.getKey();
        Buffer body = exchange.getValue();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(response.getHeader("x-seen-path")).isEqualTo("/echo.Echo/Say");
        assertThat(response.getHeader("x-seen-version")).isEqualTo("HTTP_2");
        assertThat(body.getBytes()).isEqualTo(message.getBytes());
        assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
        assertThat(response.trailers().get("grpc-message")).isEqualTo("echoed 8 bytes");
    }

    @Test
    void unknownGrpcMethodIsNotRouted() throws Exception {
        var response = client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                        .setURI("/echo.Echo/Other").putHeader("content-type", "application/grpc"))
                .compose(req -> req.send(Buffer.buffer()))
                .await(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(404);
    }
}
