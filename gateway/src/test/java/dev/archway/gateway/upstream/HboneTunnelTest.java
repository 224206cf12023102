package dev.archway.gateway.upstream;

import static dev.archway.gateway.testing.Ir.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gateway.identity.GatewayIdentity;
import dev.archway.gateway.identity.WorkloadIdentity;
import dev.archway.gateway.testing.EchoBackend;
import dev.archway.gateway.testing.FakeWaypoint;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gateway.testing.TestSpiffeCa;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.HboneIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests through HBONE tunnels to a waypoint written in the test (mutual TLS, HTTP/2 CONNECT),
 * which relays them to a real echo backend on loopback.
 */
class HboneTunnelTest {
    private static final String VIP = "10.96.0.11:80";
    private static TestSpiffeCa mesh;

    private Vertx side;
    private EchoBackend echo;
    private FakeWaypoint waypoint;
    private TestGateway gateway;
    private TestClient client;
    private int port;

    @BeforeAll
    static void authority() {
        mesh = TestSpiffeCa.create("cluster.local");
    }

    @BeforeEach
    void backends() {
        side = Vertx.vertx();
        echo = EchoBackend.start(side, "orders");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (waypoint != null) {
            waypoint.close();
        }
        echo.close();
        TestClient.await(side.close());
    }

    private static GatewayIdentity gatewayIdentity() {
        GatewayIdentity identity = new GatewayIdentity("files");
        TestSpiffeCa.Svid svid = mesh.issue("/ns/edge/sa/archway");
        identity.offer(new WorkloadIdentity(svid.spiffeId(), List.of(svid.certificate()), svid.privateKey(),
                Map.of("cluster.local", List.of(mesh.certificate()))));
        return identity;
    }

    private void serve(GatewayIdentity identity, ClusterIr cluster) {
        gateway = TestGateway.start(identity);
        port = TestGateway.freePort();
        gateway.serve(snapshot(List.of(httpPort(port, listener("http", null,
                vhost("*", route("orders", prefix("/"), backend(cluster.name(), 1)))))), cluster));
        client = TestClient.http1(gateway.vertx());
    }

    private static ClusterIr throughWaypoint(int waypointPort, String peerPath) {
        return new ClusterIr("orders", cluster("orders", UpstreamProtocol.HTTP1).source(), UpstreamProtocol.HTTP1,
                List.of(new EndpointIr("127.0.0.1", waypointPort)), null,
                new HboneIr(VIP, HboneIr.PORT, peerPath, "waypoint shop/waypoint"));
    }

    private void startWaypoint(String path) {
        waypoint = FakeWaypoint.start(side, mesh.issue(path), mesh, Map.of(VIP, echo.port()));
    }

    @Test
    void aRequestGoesThroughTheWaypointTunnelToTheServiceAddressUnderTheGatewaysIdentity() {
        startWaypoint("/ns/shop/sa/waypoint");
        serve(gatewayIdentity(), throughWaypoint(waypoint.port(), "/ns/shop/sa/waypoint"));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        TestClient.Response response = client.send(HttpMethod.POST, port, "shop.example.com", "/orders?id=7", headers,
                Buffer.buffer("{\"item\":\"tea\"}"));

        assertThat(response.status()).isEqualTo(200);
        JsonObject seen = response.json();
        assertThat(seen.getString("path")).isEqualTo("/orders");
        assertThat(seen.getString("authority")).isEqualTo("shop.example.com");
        assertThat(seen.getString("body")).isEqualTo("{\"item\":\"tea\"}");
        assertThat(waypoint.tunnels()).hasSize(1);
        FakeWaypoint.Tunnel tunnel = waypoint.tunnels().get(0);
        assertThat(tunnel.authority()).isEqualTo(VIP);
        assertThat(tunnel.clientSpiffeId()).isEqualTo("spiffe://cluster.local/ns/edge/sa/archway");
        assertThat(tunnel.forwarded()).isEqualTo("for=\"127.0.0.1\"");
        assertThat(tunnel.traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
    }

    @Test
    void aClientThatUpgradesToH2cOnItsFirstRequestIsServedThroughTheTunnelToo() throws Exception {
        startWaypoint("/ns/shop/sa/waypoint");
        serve(gatewayIdentity(), throughWaypoint(waypoint.port(), "/ns/shop/sa/waypoint"));
        // The JDK client offers "Upgrade: h2c" on its first plain-text request.
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> response = jdk.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/first")).timeout(java.time.Duration.ofSeconds(5)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("path")).isEqualTo("/first");
    }

    @Test
    void aResponseWhoseBodyFollowsItsHeadLaterIsRelayedWholeWithTrailers() {
        // Head first, body 50 ms later in chunks, then trailers: the tunnel must resume after the head.
        io.vertx.core.http.HttpServer slow = TestClient.await(side.createHttpServer().requestHandler(request -> {
            var response = request.response().setChunked(true).putHeader("x-slow", "yes");
            response.write("first-");
            side.setTimer(50, id -> {
                response.write("second");
                response.putTrailer("x-checksum", "abc");
                response.end();
            });
        }).listen(0, "127.0.0.1"));
        try {
            waypoint = FakeWaypoint.start(side, mesh.issue("/ns/shop/sa/waypoint"), mesh, Map.of(VIP, slow.actualPort()));
            serve(gatewayIdentity(), throughWaypoint(waypoint.port(), "/ns/shop/sa/waypoint"));
            TestClient h2 = TestClient.h2c(gateway.vertx());
            try {
                for (int i = 0; i < 3; i++) {
                    TestClient.Response response = h2.get(port, "shop.example.com", "/slow");
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("first-second");
                    assertThat(response.headers().get("x-slow")).isEqualTo("yes");
                    assertThat(response.trailers().get("x-checksum")).isEqualTo("abc");
                }
            } finally {
                h2.close();
            }
        } finally {
            TestClient.await(slow.close());
        }
    }

    @Test
    void grpcStyleRequestsToAnH2cServiceTravelAsHttp2InsideTheTunnelWithTrailers() {
        // An h2c-only service (prior knowledge, no HTTP/1.1): what a gRPC server is.
        io.vertx.core.http.HttpServer grpc = TestClient.await(side.createHttpServer(new io.vertx.core.http.HttpServerOptions()
                .setHttp2ClearTextEnabled(true)).requestHandler(request -> request.body().onSuccess(body -> {
                    var response = request.response().putHeader("content-type", "application/grpc");
                    response.write(Buffer.buffer("echo:" + body + ";" + request.version() + ";" + request.path()));
                    response.putTrailer("grpc-status", "0");
                    response.putTrailer("grpc-message", "ok");
                    response.end();
                })).listen(0, "127.0.0.1"));
        try {
            waypoint = FakeWaypoint.start(side, mesh.issue("/ns/shop/sa/waypoint"), mesh, Map.of(VIP, grpc.actualPort()));
            ClusterIr h2 = new ClusterIr("orders", cluster("orders", UpstreamProtocol.H2C).source(), UpstreamProtocol.H2C,
                    List.of(new EndpointIr("127.0.0.1", waypoint.port())), null,
                    new HboneIr(VIP, HboneIr.PORT, "/ns/shop/sa/waypoint", "waypoint shop/waypoint"));
            serve(gatewayIdentity(), h2);
            TestClient client2 = TestClient.h2c(gateway.vertx());
            try {
                List<Future<TestClient.Response>> calls = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    calls.add(client2.sendAsync(HttpMethod.POST, port, "shop.example.com", "/shop.Orders/Get",
                            MultiMap.caseInsensitiveMultiMap().add("content-type", "application/grpc").add("te", "trailers"),
                            Buffer.buffer("msg-" + i)));
                }
                TestClient.await(Future.all(calls));
                for (int i = 0; i < 20; i++) {
                    TestClient.Response response = calls.get(i).result();
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("echo:msg-" + i + ";HTTP_2;/shop.Orders/Get");
                    assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
                    assertThat(response.trailers().get("grpc-message")).isEqualTo("ok");
                }
            } finally {
                client2.close();
            }
        } finally {
            TestClient.await(grpc.close());
        }
    }

    @Test
    void aLargeUploadAndItsEchoCrossTheTunnelWhole() {
        startWaypoint("/ns/shop/sa/waypoint");
        serve(gatewayIdentity(), throughWaypoint(waypoint.port(), "/ns/shop/sa/waypoint"));
        String big = "x".repeat(8 * 1024 * 1024); // many times the pause threshold

        TestClient.Response response = client.send(HttpMethod.PUT, port, "shop.example.com", "/upload",
                MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(big));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getString("body")).hasSize(big.length()).isEqualTo(big);
    }

    @Test
    void aWaypointWithAnotherIdentityIsRefusedWith503() {
        startWaypoint("/ns/shop/sa/impostor");
        serve(gatewayIdentity(), throughWaypoint(waypoint.port(), "/ns/shop/sa/waypoint"));

        assertThat(client.get(port, "shop.example.com", "/").status()).isEqualTo(503);
        assertThat(waypoint.tunnels()).isEmpty();
        assertThat(echo.requests()).isZero();
        assertThat(gateway.dataPlane().metrics().scrape())
                .contains("archway_upstream_failures_total{cluster=\"orders\",reason=\"upstream_tls_failure\"} 1.0");
    }

    @Test
    void withoutAnSvidMeshBackendsAnswer503WithTheReason() {
        startWaypoint("/ns/shop/sa/waypoint");
        serve(GatewayIdentity.none(), throughWaypoint(waypoint.port(), "/ns/shop/sa/waypoint"));

        assertThat(client.get(port, "shop.example.com", "/").status()).isEqualTo(503);
        assertThat(waypoint.connections()).isZero();
        assertThat(gateway.dataPlane().metrics().scrape()).contains("reason=\"upstream_tunnel_failure\"");
    }

    @Test
    void manyConcurrentRequestsShareAFewMultiplexedTunnelConnections() {
        startWaypoint("/ns/shop/sa/waypoint");
        serve(gatewayIdentity(), throughWaypoint(waypoint.port(), "/ns/shop/sa/waypoint"));
        TestClient h2 = TestClient.h2c(gateway.vertx());
        try {
            List<Future<TestClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(h2.sendAsync(HttpMethod.GET, port, "shop.example.com", "/item/" + i, MultiMap.caseInsensitiveMultiMap(),
                        Buffer.buffer()));
            }
            TestClient.await(Future.all(answers));
            for (int i = 0; i < 200; i++) {
                TestClient.Response response = answers.get(i).result();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json().getString("path")).isEqualTo("/item/" + i);
            }
        } finally {
            h2.close();
        }
        assertThat(waypoint.tunnels()).hasSize(200);
        // The upstream pool allows 4 HTTP/2 connections per tunnel address; the streams share them.
        assertThat(waypoint.connections()).isBetween(1, 4);
    }

    @Test
    void withoutAWaypointTheTunnelGoesToTheEndpointsNodeProxyAndConnectsToTheEndpoint() {
        startWaypoint("/ns/shop/sa/ztunnel");
        ClusterIr direct = new ClusterIr("orders", cluster("orders", UpstreamProtocol.HTTP1).source(),
                UpstreamProtocol.HTTP1, List.of(new EndpointIr("127.0.0.1", echo.port())), null,
                new HboneIr(null, waypoint.port(), null, "ambient"));
        serve(gatewayIdentity(), direct);

        TestClient.Response response = client.get(port, "shop.example.com", "/direct");

        assertThat(response.status()).isEqualTo(200);
        assertThat(waypoint.tunnels().get(0).authority()).isEqualTo("127.0.0.1:" + echo.port());
    }
}
