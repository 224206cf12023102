package dev.archway.gateway.chain;

import static dev.archway.gateway.testing.Ir.backend;
import static dev.archway.gateway.testing.Ir.cluster;
import static dev.archway.gateway.testing.Ir.endpoint;
import static dev.archway.gateway.testing.Ir.httpPort;
import static dev.archway.gateway.testing.Ir.listener;
import static dev.archway.gateway.testing.Ir.prefix;
import static dev.archway.gateway.testing.Ir.route;
import static dev.archway.gateway.testing.Ir.snapshot;
import static dev.archway.gateway.testing.Ir.vhost;
import static dev.archway.gateway.testing.Ir.withFailure;
import static dev.archway.gateway.testing.Ir.withFilters;
import static dev.archway.gateway.testing.Ir.withTimeouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.gateway.testing.EchoBackend;
import dev.archway.gateway.testing.RawHttp;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestClient.Response;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.RequestMirrorConfig;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.TimeoutsIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxyTest {
    private static Vertx backends;
    private static EchoBackend echoA;
    private static EchoBackend echoB;
    private static EchoBackend h2cOnly;
    private static TestGateway gateway;
    private static TestClient client;
    private static int port;

    @BeforeAll
    static void start() {
        backends = Vertx.vertx();
        echoA = EchoBackend.start(backends, "echo-a");
        echoB = EchoBackend.start(backends, "echo-b");
        h2cOnly = EchoBackend.startH2cOnly(backends, "grpc");
        gateway = TestGateway.start();
        client = TestClient.http1(backends);
        port = TestGateway.freePort();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        backends.close();
    }

    private static void serve(RouteIr route, ClusterIr... clusters) {
        gateway.serve(snapshot(java.util.List.of(httpPort(port, listener("http", null, vhost("*", route)))), clusters));
    }

    private static ClusterIr clusterA() {
        return cluster("a", UpstreamProtocol.HTTP1, endpoint(echoA.port()));
    }

    @Test
    void proxiesGetWithPathAndQuery() {
        serve(route("r", prefix("/"), backend("a", 1)), clusterA());

        Response response = client.get(port, "example.com", "/some/path?x=1&y=2");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getString("name")).isEqualTo("echo-a");
        assertThat(response.json().getString("path")).isEqualTo("/some/path");
        assertThat(response.json().getString("query")).isEqualTo("x=1&y=2");
        assertThat(response.json().getString("method")).isEqualTo("GET");
        assertThat(response.headers().get("x-backend")).isEqualTo("echo-a");
    }

    @Test
    void streamsALargePostBodyToTheUpstream() {
        serve(route("r", prefix("/"), backend("a", 1)), clusterA());
        byte[] bytes = new byte[3 * 1024 * 1024];
        Arrays.fill(bytes, (byte) 'x');

        Response response = client.send(HttpMethod.POST, port, "example.com", "/upload",
                MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(bytes));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getString("body")).hasSize(bytes.length);
        assertThat(response.json().getString("method")).isEqualTo("POST");
    }

    @Test
    void streamsALargeResponseBodyToTheClient() {
        serve(route("r", prefix("/"), backend("a", 1)), clusterA());

        Response response = client.get(port, "example.com", "/?stream=4096");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).hasSize(4096 * 1024);
    }

    @Test
    void forwardsHostAndAddsForwardedHeadersAndDropsHopByHopHeaders() {
        serve(route("r", prefix("/"), backend("a", 1)), clusterA());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("x-forwarded-for", "10.0.0.1")
                .add("connection", "x-secret")
                .add("x-secret", "do not forward")
                .add("keep-alive", "timeout=5")
                .add("proxy-connection", "keep-alive")
                .add("te", "trailers, deflate")
                .add("x-kept", "yes");

        Response response = client.send(HttpMethod.GET, port, "Example.com:8080", "/", headers, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.echoedHeader("host")).isEqualTo("Example.com:8080");
        assertThat(response.echoedHeader("x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(response.echoedHeader("x-forwarded-proto")).isEqualTo("http");
        assertThat(response.echoedHeader("x-forwarded-host")).isEqualTo("Example.com:8080");
        assertThat(response.echoedHeader("x-kept")).isEqualTo("yes");
        assertThat(response.echoedHeader("te")).isEqualTo("trailers");
        assertThat(response.echoedHeader("keep-alive")).isNull();
        assertThat(response.echoedHeader("proxy-connection")).isNull();
    }

    @Test
    void dropsHeadersNamedInConnection() {
        serve(route("r", prefix("/"), backend("a", 1)), clusterA());

        String answer = RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: h\r\nConnection: x-secret, close\r\n"
                + "X-Secret: do not forward\r\nX-Kept: yes\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(200);
        assertThat(answer).contains("\"x-kept\":[\"yes\"]").doesNotContain("x-secret");
    }

    @Test
    void neverChoosesABackendOfWeightZero() {
        serve(route("r", prefix("/"), backend("a", 1), backend("b", 0)),
                clusterA(), cluster("b", UpstreamProtocol.HTTP1, endpoint(echoB.port())));
        int before = echoB.requests();

        for (int i = 0; i < 30; i++) {
            assertThat(client.get(port, "h", "/").json().getString("name")).isEqualTo("echo-a");
        }
        assertThat(echoB.requests()).isEqualTo(before);
    }

    @Test
    void spreadsRequestsOverWeightedBackends() {
        serve(route("r", prefix("/"), backend("a", 1), backend("b", 1)),
                clusterA(), cluster("b", UpstreamProtocol.HTTP1, endpoint(echoB.port())));
        int a = 0;
        for (int i = 0; i < 60; i++) {
            if (client.get(port, "h", "/").json().getString("name").equals("echo-a")) {
                a++;
            }
        }
        assertThat(a).isBetween(10, 50);
    }

    @Test
    void answers500WhenTheBackendDoesNotResolve() {
        serve(route("r", prefix("/"), backend(null, 1)));

        assertThat(client.get(port, "h", "/").status()).isEqualTo(500);
    }

    @Test
    void answers500WithoutConfigDetailWhenTheRouteIsBroken() {
        serve(withFailure(route("r", prefix("/"), backend("a", 1)), "backendRefs[0]: Service default/nope not found"),
                clusterA());

        Response response = client.get(port, "h", "/");

        // The reason names resources of the config: it is for status and the access log, not clients.
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("cannot serve requests").doesNotContain("nope");
    }

    @Test
    void answers503WhenTheClusterHasNoEndpoint() {
        serve(route("r", prefix("/"), backend("empty", 1)), cluster("empty", UpstreamProtocol.HTTP1));

        Response response = client.get(port, "h", "/");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).contains("no healthy upstream");
    }

    @Test
    void answers502QuicklyWhenNothingListensOnTheEndpoint() {
        int dead = TestGateway.freePort();
        serve(route("r", prefix("/"), backend("dead", 1)), cluster("dead", UpstreamProtocol.HTTP1, endpoint(dead)));

        long start = System.nanoTime();
        Response response = client.get(port, "h", "/");

        assertThat(response.status()).isEqualTo(502);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void answers504WhenTheBackendRequestTimeoutPasses() {
        serve(withTimeouts(route("r", prefix("/"), backend("a", 1)), new TimeoutsIr(null, Duration.ofMillis(300))),
                clusterA());

        assertThat(client.get(port, "h", "/?delay=2000").status()).isEqualTo(504);
        assertThat(client.get(port, "h", "/").status()).isEqualTo(200);
    }

    @Test
    void answers504WhenTheRequestTimeoutPasses() {
        serve(withTimeouts(route("r", prefix("/"), backend("a", 1)), new TimeoutsIr(Duration.ofMillis(300), null)),
                clusterA());

        long start = System.nanoTime();
        assertThat(client.get(port, "h", "/?delay=3000").status()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void answers404WhenNoRouteMatches() {
        serve(route("r", prefix("/api"), backend("a", 1)), clusterA());

        assertThat(client.get(port, "h", "/other").status()).isEqualTo(404);
        assertThat(client.get(port, "h", "/api/x").status()).isEqualTo(200);
    }

    @Test
    void mirrorsRequestsThroughTheUpstreamClient() {
        serve(withFilters(route("r", prefix("/"), backend("a", 1)), new FilterSpec(FilterKinds.REQUEST_MIRROR,
                        "filter/mirror", new RequestMirrorConfig("b", 1, 1))),
                clusterA(), cluster("b", UpstreamProtocol.HTTP1, endpoint(echoB.port())));
        int before = echoB.requests();

        Response response = client.send(HttpMethod.POST, port, "h", "/mirrored", MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("copy me"));

        assertThat(response.json().getString("name")).isEqualTo("echo-a");
        await().atMost(Duration.ofSeconds(5)).until(() -> echoB.requests() == before + 1);
    }

    @Test
    void passesUpstreamStatusThrough() {
        serve(route("r", prefix("/"), backend("a", 1)), clusterA());

        assertThat(client.get(port, "h", "/?status=418").status()).isEqualTo(418);
    }

    @Test
    void proxiesH2cWithTrailersToAnH2cClient() {
        serve(route("r", prefix("/"), backend("grpc", 1)), cluster("grpc", UpstreamProtocol.H2C, endpoint(h2cOnly.port())));
        TestClient h2 = TestClient.h2c(backends);
        try {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                    .add("x-echo-trailer", "grpc-status=0")
                    .add("te", "trailers")
                    .add("content-type", "application/grpc");

            Response response = h2.send(HttpMethod.POST, port, "grpc.example.com", "/pkg.Service/Method", headers,
                    Buffer.buffer("hello"));

            assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().getString("version")).isEqualTo("HTTP_2");
            assertThat(response.json().getString("body")).isEqualTo("hello");
            assertThat(response.json().getString("authority")).isEqualTo("grpc.example.com");
            assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
        } finally {
            h2.close();
        }
    }

    @Test
    void proxiesAnH2cClientToAnHttp1Upstream() {
        serve(route("r", prefix("/"), backend("a", 1)), clusterA());
        TestClient h2 = TestClient.h2c(backends);
        try {
            Response get = h2.get(port, "h2.example.com", "/x");
            Response post = h2.send(HttpMethod.POST, port, "h2.example.com", "/x", MultiMap.caseInsensitiveMultiMap(),
                    Buffer.buffer("body"));

            assertThat(get.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.json().getString("version")).isEqualTo("HTTP_1_1");
            assertThat(get.echoedHeader("host")).isEqualTo("h2.example.com");
            assertThat(post.json().getString("body")).isEqualTo("body");
        } finally {
            h2.close();
        }
    }
}
