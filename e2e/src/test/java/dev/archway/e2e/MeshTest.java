package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.gateway.testing.FakeWaypoint;
import dev.archway.gateway.testing.TestSpiffeCa;
import dev.archway.gateway.testing.TlsBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mesh features from YAML files and command-line options, as an operator runs them: the
 * gateway's SVID from PEM files (rotated while it serves), a BackendTLSPolicy to a backend that
 * requires the gateway's certificate, and a Service labelled for a waypoint reached over HBONE
 * (a waypoint written in the test relays to a real echo backend).
 */
class MeshTest {
    static final String VIP = "10.96.0.20:80";
    static TestSpiffeCa mesh;
    static Vertx vertx;
    static TlsBackend orders;
    static EchoBackend payments;
    static FakeWaypoint waypoint;
    static GatewayProcess gateway;
    static Path identityDir;
    static int port;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        mesh = TestSpiffeCa.create("cluster.local");
        vertx = Vertx.vertx();
        orders = TlsBackend.start(vertx, mesh.issue("/ns/shop/sa/orders"), mesh, false);
        payments = new EchoBackend("payments");
        waypoint = FakeWaypoint.start(vertx, mesh.issue("/ns/shop/sa/shop-waypoint"), mesh, Map.of(VIP, payments.port()));
        identityDir = Files.createTempDirectory("archway-svid");
        writeSvid(mesh.issue("/ns/edge/sa/archway"));
        port = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-mesh");
        GatewayProcess.write(dir, "mesh.yaml", Configs.gateway(port) + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: mesh-ca, namespace: shop}
                data:
                  ca.crt: |
                %s
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: orders, namespace: shop}
                spec:
                  ports: [{name: https, port: 443}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: orders-1, namespace: shop, labels: {kubernetes.io/service-name: orders}}
                addressType: IPv4
                ports: [{name: https, port: %d}]
                endpoints: [{addresses: [127.0.0.1]}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: orders-tls, namespace: shop}
                spec:
                  targetRefs: [{group: "", kind: Service, name: orders, sectionName: https}]
                  validation:
                    caCertificateRefs: [{group: "", kind: ConfigMap, name: mesh-ca}]
                    hostname: orders.shop.svc.cluster.local
                    subjectAltNames: [{type: URI, uri: "spiffe://cluster.local/ns/shop/sa/orders"}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: payments, namespace: shop, labels: {istio.io/use-waypoint: shop-waypoint}}
                spec:
                  clusterIP: 10.96.0.20
                  ports: [{name: http, port: 80}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: shop-waypoint, namespace: shop}
                spec:
                  clusterIP: 10.96.0.2
                  ports: [{name: mesh, port: 15008}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: shop-waypoint-1, namespace: shop, labels: {kubernetes.io/service-name: shop-waypoint}}
                addressType: IPv4
                ports: [{name: mesh, port: %d}]
                endpoints: [{addresses: [127.0.0.1]}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: ReferenceGrant
                metadata: {name: from-default, namespace: shop}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default}]
                  to: [{group: "", kind: Service}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - matches: [{path: {value: /orders}}]
                    backendRefs: [{name: orders, namespace: shop, port: 443}]
                  - matches: [{path: {value: /payments}}]
                    backendRefs: [{name: payments, namespace: shop, port: 80}]
                """.formatted(mesh.bundlePem().indent(4).stripTrailing(), orders.port(), waypoint.port()));
        gateway = GatewayProcess.start(dir, "--svid-cert", identityDir.resolve("svid.pem").toString(),
                "--svid-key", identityDir.resolve("svid.key").toString(),
                "--svid-bundle", identityDir.resolve("bundle.pem").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        orders.close();
        payments.close();
        waypoint.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static void writeSvid(TestSpiffeCa.Svid svid) throws Exception {
        for (String[] file : new String[][] {{"svid.pem", svid.certificatePem()}, {"svid.key", svid.keyPem()},
                {"bundle.pem", mesh.bundlePem()}}) {
            Path tmp = identityDir.resolve(file[0] + ".tmp");
            Files.writeString(tmp, file[1]);
            Files.move(tmp, identityDir.resolve(file[0]), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("x-forwarded-for", "203.0.113.9").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject status(String kind, String name) throws Exception {
        JsonArray all = new JsonArray(gateway.admin("/status").body());
        for (int i = 0; i < all.size(); i++) {
            JsonObject entry = all.getJsonObject(i);
            if (kind.equals(entry.getString("kind")) && name.equals(entry.getJsonObject("metadata").getString("name"))) {
                return entry.getJsonObject("status");
            }
        }
        throw new AssertionError(kind + " " + name + " not in /status");
    }

    @Test
    void aBackendTlsPolicyBackendThatRequiresClientCertificatesSeesTheGatewaysSpiffeId() throws Exception {
        HttpResponse<String> response = get("/orders");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject seen = new JsonObject(response.body());
        assertThat(seen.getString("sni")).isEqualTo("orders.shop.svc.cluster.local");
        assertThat(seen.getString("clientUri")).isEqualTo("spiffe://cluster.local/ns/edge/sa/archway");
        JsonObject accepted = status("BackendTLSPolicy", "orders-tls").getJsonArray("ancestors").getJsonObject(0)
                .getJsonArray("conditions").getJsonObject(0);
        assertThat(accepted.getString("type")).isEqualTo("Accepted");
        assertThat(accepted.getString("status")).isEqualTo("True");
    }

    @Test
    void aServiceLabelledForAWaypointIsReachedThroughItsHboneTunnel() throws Exception {
        HttpResponse<String> response = get("/payments/42");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(payments.received).anyMatch(r -> r.path().equals("/payments/42"));
        FakeWaypoint.Tunnel tunnel = waypoint.tunnels().get(waypoint.tunnels().size() - 1);
        assertThat(tunnel.authority()).isEqualTo(VIP);
        assertThat(tunnel.clientSpiffeId()).isEqualTo("spiffe://cluster.local/ns/edge/sa/archway");
        // The gateway does not trust the client's own x-forwarded-for: the client is who connected.
        assertThat(tunnel.forwarded()).isEqualTo("for=\"127.0.0.1\"");
    }

    @Test
    void theSvidFilesRotateWhileServingAndStatusShowsIt() throws Exception {
        JsonObject before = status("WorkloadIdentity", "gateway");
        assertThat(before.getString("spiffeId")).isEqualTo("spiffe://cluster.local/ns/edge/sa/archway");
        TestSpiffeCa.Svid next = mesh.issue("/ns/edge/sa/archway");

        writeSvid(next);

        await().atMost(Duration.ofSeconds(10)).until(() -> status("WorkloadIdentity", "gateway").getLong("rotations") == 1);
        JsonObject after = status("WorkloadIdentity", "gateway");
        assertThat(after.getString("serialNumber")).isEqualTo(next.certificate().getSerialNumber().toString(16));
        assertThat(get("/payments/after-rotation").statusCode()).isEqualTo(200);
        assertThat(gateway.admin("/metrics").body()).contains("archway_identity_rotations_total{source=\"files\"} 1.0");
    }
}
