package dev.archway.gateway.runtime;

import static dev.archway.gateway.testing.Ir.backend;
import static dev.archway.gateway.testing.Ir.cluster;
import static dev.archway.gateway.testing.Ir.endpoint;
import static dev.archway.gateway.testing.Ir.httpPort;
import static dev.archway.gateway.testing.Ir.listener;
import static dev.archway.gateway.testing.Ir.prefix;
import static dev.archway.gateway.testing.Ir.route;
import static dev.archway.gateway.testing.Ir.snapshot;
import static dev.archway.gateway.testing.Ir.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.gateway.testing.EchoBackend;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.Assertions;

class HotSwapTest {
    private Vertx backends;
    private EchoBackend echoA;
    private EchoBackend echoB;
    private TestGateway gateway;
    private TestClient client;
    private int port;

    @BeforeEach
    void start() {
        backends = Vertx.vertx();
        echoA = EchoBackend.start(backends, "echo-a");
        echoB = EchoBackend.start(backends, "echo-b");
        gateway = TestGateway.start();
        client = TestClient.http1(backends);
        port = TestGateway.freePort();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        backends.close();
    }

    private Snapshot routeTo(String clusterName, EchoBackend echo, PortIr... extraPorts) {
        List<PortIr> ports = new java.util.ArrayList<>();
        ports.add(httpPort(port, listener("l", null, vhost("*", route("r", prefix("/"), backend(clusterName, 1))))));
        ports.addAll(List.of(extraPorts));
        return snapshot(ports, cluster(clusterName, UpstreamProtocol.HTTP1, endpoint(echo.port())));
    }

    @Test
    void requestInFlightFinishesOnTheRuntimeItStartedWith() throws Exception {
        gateway.serve(routeTo("a", echoA));
        int before = echoA.requests();
        CompletableFuture<TestClient.Response> slow = CompletableFuture.supplyAsync(() -> client.get(port, "h", "/?delay=1500"));
        await().atMost(Duration.ofSeconds(5)).until(() -> echoA.requests() > before);

        gateway.serve(routeTo("b", echoB));

        assertThat(client.get(port, "h", "/").json().getString("name")).isEqualTo("echo-b");
        TestClient.Response finished = slow.get();
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.json().getString("name")).isEqualTo("echo-a");
    }

    @Test
    void shutdownLetsRequestsInFlightFinishAndStopsAccepting() throws Exception {
        gateway.serve(routeTo("a", echoA));
        int before = echoA.requests();
        CompletableFuture<TestClient.Response> slow = CompletableFuture.supplyAsync(() -> client.get(port, "h", "/?delay=1000"));
        await().atMost(Duration.ofSeconds(5)).until(() -> echoA.requests() > before);

        var stopped = gateway.dataPlane().shutdown(Duration.ofSeconds(5));

        assertThat(slow.get().status()).isEqualTo(200);
        TestClient.await(stopped);
        Assertions.assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void keepsConnectionsOfAnUnchangedPortAcrossReloads() {
        gateway.serve(routeTo("a", echoA));
        HttpClientAgent keepAlive = backends.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(1));
        try {
            HttpConnection first = connectionOf(keepAlive);
            gateway.serve(routeTo("b", echoB));
            HttpConnection second = connectionOf(keepAlive);

            assertThat(second).isSameAs(first);
        } finally {
            TestClient.await(keepAlive.close());
        }
    }

    private HttpConnection connectionOf(HttpClientAgent agent) {
        return TestClient.await(agent.request(new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/"))
                .compose(request -> request.send().compose(HttpClientResponse::end).map(v -> request.connection())));
    }

    @Test
    void closesAPortThatLeavesTheConfigAndBindsANewOne() {
        int second = TestGateway.freePort();
        gateway.serve(routeTo("a", echoA, httpPort(second, listener("l2", null,
                vhost("*", route("r2", prefix("/"), backend("a", 1)))))));
        assertThat(client.get(second, "h", "/").status()).isEqualTo(200);

        gateway.serve(routeTo("a", echoA));

        assertThat(gateway.dataPlane().listeners().boundPorts()).containsExactly("127.0.0.1:" + port);
        Assertions.assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", second), 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void reportsAPortInUseAndServesTheOthers() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            DataPlane.ApplyResult result = gateway.apply(routeTo("a", echoA, httpPort(taken.getLocalPort(),
                    listener("l2", null, vhost("*", route("r2", prefix("/"), backend("a", 1)))))));

            assertThat(result.applied()).isTrue();
            assertThat(result.errors()).singleElement().asString()
                    .contains("127.0.0.1:" + taken.getLocalPort()).contains("cannot bind");
            assertThat(client.get(port, "h", "/").status()).isEqualTo(200);
        }
    }
}
