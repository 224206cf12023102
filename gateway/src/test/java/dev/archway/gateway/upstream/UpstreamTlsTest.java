package dev.archway.gateway.upstream;

import static dev.archway.gateway.testing.Ir.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gateway.identity.GatewayIdentity;
import dev.archway.gateway.identity.IdentitySettings;
import dev.archway.gateway.identity.PemFileSource;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gateway.testing.TestSpiffeCa;
import dev.archway.gateway.testing.TlsBackend;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.SourceRef;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import dev.archway.gatewayapi.ir.UpstreamTlsIr;
import dev.archway.gatewayapi.ir.UpstreamTlsIr.SubjectAltNameIr;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BackendTLSPolicy as the data plane applies it, against real TLS backends on loopback. */
class UpstreamTlsTest {
    private static final SourceRef POLICY = new SourceRef("BackendTLSPolicy", "default", "orders-tls");
    private static TestSpiffeCa mesh;
    private static TestSpiffeCa stranger;

    private final List<AutoCloseable> closing = new java.util.ArrayList<>();
    private TestGateway gateway;
    private TestClient client;
    private int port;

    @TempDir
    Path dir;

    @BeforeAll
    static void authorities() {
        mesh = TestSpiffeCa.create("mesh.local");
        stranger = TestSpiffeCa.create("stranger.example");
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
        gateway.close();
    }

    private void serve(GatewayIdentity identity, ClusterIr cluster) {
        gateway = TestGateway.start(identity);
        port = TestGateway.freePort();
        gateway.serve(snapshot(List.of(httpPort(port, listener("http", null,
                vhost("*", route("orders", prefix("/"), backend(cluster.name(), 1)))))), cluster));
        client = TestClient.http1(gateway.vertx());
    }

    private static ClusterIr tlsCluster(int backendPort, UpstreamProtocol protocol, UpstreamTlsIr tls) {
        ClusterIr plain = cluster("orders", protocol, endpoint(backendPort));
        return new ClusterIr(plain.name(), plain.source(), plain.protocol(), plain.endpoints(), tls);
    }

    private static UpstreamTlsIr policy(TestSpiffeCa ca, String hostname, SubjectAltNameIr... sans) {
        return new UpstreamTlsIr(hostname, List.of(ca.bundlePem()), false, List.of(sans), POLICY, null);
    }

    private String failures() {
        return gateway.dataPlane().metrics().scrape();
    }

    @Test
    void aPolicyWithTheBackendsCaAndHostnameSpeaksTlsWithThatSniAndKeepsTheClientsHost() {
        TestSpiffeCa.Svid cert = mesh.issueServer("orders.shop.svc.cluster.local");
        io.vertx.core.Vertx side = io.vertx.core.Vertx.vertx();
        closing.add(() -> side.close());
        TlsBackend tls = TlsBackend.start(side, cert, null, false);
        closing.add(tls);
        serve(GatewayIdentity.none(), tlsCluster(tls.port(), UpstreamProtocol.HTTP1,
                policy(mesh, "orders.shop.svc.cluster.local")));

        TestClient.Response response = client.get(port, "api.example.com", "/orders");

        assertThat(response.status()).isEqualTo(200);
        JsonObject seen = response.json();
        assertThat(seen.getString("sni")).isEqualTo("orders.shop.svc.cluster.local");
        assertThat(seen.getString("authority")).isEqualTo("api.example.com");
        assertThat(seen.getString("version")).isEqualTo("HTTP_1_1");
    }

    @Test
    void aBackendWhoseCertificateTheCaDidNotSignAnswers503AndIsCountedAsTlsFailure() {
        io.vertx.core.Vertx side = io.vertx.core.Vertx.vertx();
        closing.add(() -> side.close());
        TlsBackend tls = TlsBackend.start(side, stranger.issueServer("orders.shop"), null, false);
        closing.add(tls);
        serve(GatewayIdentity.none(), tlsCluster(tls.port(), UpstreamProtocol.HTTP1, policy(mesh, "orders.shop")));

        assertThat(client.get(port, "api.example.com", "/").status()).isEqualTo(503);
        assertThat(tls.requests()).isZero();
        assertThat(failures()).contains("archway_upstream_failures_total{cluster=\"orders\",reason=\"upstream_tls_failure\"} 1.0");
    }

    @Test
    void aCertificateForAnotherHostnameIsRejected() {
        io.vertx.core.Vertx side = io.vertx.core.Vertx.vertx();
        closing.add(() -> side.close());
        TlsBackend tls = TlsBackend.start(side, mesh.issueServer("billing.shop"), null, false);
        closing.add(tls);
        serve(GatewayIdentity.none(), tlsCluster(tls.port(), UpstreamProtocol.HTTP1, policy(mesh, "orders.shop")));

        assertThat(client.get(port, "api.example.com", "/").status()).isEqualTo(503);
        assertThat(tls.requests()).isZero();
    }

    @Test
    void spiffeIdSubjectAltNamesAreMatchedExactlyAndAMismatchIsRejected() {
        io.vertx.core.Vertx side = io.vertx.core.Vertx.vertx();
        closing.add(() -> side.close());
        TlsBackend orders = TlsBackend.start(side, mesh.issue("/ns/shop/sa/orders"), null, false);
        closing.add(orders);
        serve(GatewayIdentity.none(), tlsCluster(orders.port(), UpstreamProtocol.HTTP1, policy(mesh, "orders.shop",
                new SubjectAltNameIr(SubjectAltNameIr.Type.URI, "spiffe://mesh.local/ns/shop/sa/orders"))));
        assertThat(client.get(port, "api.example.com", "/").status()).isEqualTo(200);
        gateway.close();
        client.close();
        client = null;

        serve(GatewayIdentity.none(), tlsCluster(orders.port(), UpstreamProtocol.HTTP1, policy(mesh, "orders.shop",
                new SubjectAltNameIr(SubjectAltNameIr.Type.URI, "spiffe://mesh.local/ns/shop/sa/billing"))));
        assertThat(client.get(port, "api.example.com", "/").status()).isEqualTo(503);
        assertThat(orders.requests()).isEqualTo(1);
    }

    @Test
    void aPolicyWithoutUsableCaAnswers503WithoutConnectingNotPlainText() {
        io.vertx.core.Vertx side = io.vertx.core.Vertx.vertx();
        closing.add(() -> side.close());
        TlsBackend tls = TlsBackend.start(side, mesh.issueServer("orders.shop"), null, false);
        closing.add(tls);
        serve(GatewayIdentity.none(), tlsCluster(tls.port(), UpstreamProtocol.HTTP1, new UpstreamTlsIr("orders.shop",
                List.of(), false, List.of(), POLICY, "no usable CA certificate (ConfigMap default/ca not found)")));

        assertThat(client.get(port, "api.example.com", "/").status()).isEqualTo(503);
        assertThat(tls.requests()).isZero();
        assertThat(failures()).contains("reason=\"upstream_tls_failure\"");
    }

    @Test
    void anH2ClusterNegotiatesHttp2ThroughAlpn() {
        io.vertx.core.Vertx side = io.vertx.core.Vertx.vertx();
        closing.add(() -> side.close());
        TlsBackend tls = TlsBackend.start(side, mesh.issueServer("grpc.shop"), null, false);
        closing.add(tls);
        serve(GatewayIdentity.none(), tlsCluster(tls.port(), UpstreamProtocol.H2C, policy(mesh, "grpc.shop")));

        TestClient.Response response = client.get(port, "api.example.com", "/x");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getString("version")).isEqualTo("HTTP_2");
        assertThat(response.json().getString("authority")).isEqualTo("api.example.com");
    }

    @Test
    void aMeshBackendThatRequiresClientCertificatesGetsTheGatewaysSvidAndNothingWithoutOne() throws Exception {
        io.vertx.core.Vertx side = io.vertx.core.Vertx.vertx();
        closing.add(() -> side.close());
        TlsBackend mtls = TlsBackend.start(side, mesh.issue("/ns/shop/sa/orders"), mesh, false);
        closing.add(mtls);
        UpstreamTlsIr tls = policy(mesh, "orders.shop",
                new SubjectAltNameIr(SubjectAltNameIr.Type.URI, "spiffe://mesh.local/ns/shop/sa/orders"));

        serve(GatewayIdentity.none(), tlsCluster(mtls.port(), UpstreamProtocol.HTTP1, tls));
        assertThat(client.get(port, "api.example.com", "/").status()).isEqualTo(503);
        gateway.close();
        client.close();
        client = null;

        GatewayIdentity identity = new GatewayIdentity("files");
        TestSpiffeCa.Svid svid = mesh.issue("/ns/edge/sa/archway");
        identity.offer(new dev.archway.gateway.identity.WorkloadIdentity(svid.spiffeId(), List.of(svid.certificate()),
                svid.privateKey(), java.util.Map.of("mesh.local", List.of(mesh.certificate()))));
        serve(identity, tlsCluster(mtls.port(), UpstreamProtocol.HTTP1, tls));
        TestClient.Response response = client.get(port, "api.example.com", "/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getString("clientUri")).isEqualTo("spiffe://mesh.local/ns/edge/sa/archway");
    }

    @Test
    void rotatingTheSvidFilesDuringTrafficFailsNoRequestAndLaterHandshakesPresentTheNewSvid() throws Exception {
        io.vertx.core.Vertx side = io.vertx.core.Vertx.vertx();
        closing.add(() -> side.close());
        // Connection: close on every answer, so that every request makes a handshake of its own.
        TlsBackend mtls = TlsBackend.start(side, mesh.issue("/ns/shop/sa/orders"), mesh, true);
        closing.add(mtls);
        TestSpiffeCa.Svid first = mesh.issue("/ns/edge/sa/archway");
        writeSvid(first);
        GatewayIdentity identity = new GatewayIdentity("files");
        closing.add(PemFileSource.start(side, new IdentitySettings.PemFiles(dir.resolve("svid.pem"),
                dir.resolve("svid.key"), dir.resolve("bundle.pem"), Duration.ofMillis(100)), identity));
        serve(identity, tlsCluster(mtls.port(), UpstreamProtocol.HTTP1, policy(mesh, "orders.shop",
                new SubjectAltNameIr(SubjectAltNameIr.Type.URI, "spiffe://mesh.local/ns/shop/sa/orders"))));

        TestSpiffeCa.Svid second = mesh.issue("/ns/edge/sa/archway");
        Set<String> serials = new HashSet<>();
        int failed = 0;
        long rotateAt = System.nanoTime() + Duration.ofMillis(500).toNanos();
        long endAt = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        boolean rotated = false;
        int sent = 0;
        while (System.nanoTime() < endAt || identity.view().rotations() == 0 && sent < 2000) {
            if (!rotated && System.nanoTime() > rotateAt) {
                writeSvid(second);
                rotated = true;
            }
            TestClient.Response response = client.get(port, "api.example.com", "/");
            sent++;
            if (response.status() == 200) {
                serials.add(response.json().getString("clientSerial"));
            } else {
                failed++;
            }
        }
        assertThat(failed).as("failed requests of %d", sent).isZero();
        assertThat(serials).contains(first.certificate().getSerialNumber().toString());
        // Connections to the same backend may resume their TLS session (no new certificate is sent
        // then); a backend the gateway never met gets a full handshake, with the rotated SVID.
        TlsBackend fresh = TlsBackend.start(side, mesh.issue("/ns/shop/sa/orders"), mesh, false);
        closing.add(fresh);
        gateway.serve(snapshot(List.of(httpPort(port, listener("http", null,
                vhost("*", route("orders", prefix("/"), backend("orders", 1)))))),
                tlsCluster(fresh.port(), UpstreamProtocol.HTTP1, policy(mesh, "orders.shop",
                        new SubjectAltNameIr(SubjectAltNameIr.Type.URI, "spiffe://mesh.local/ns/shop/sa/orders")))));
        assertThat(client.get(port, "api.example.com", "/").json().getString("clientSerial"))
                .isEqualTo(second.certificate().getSerialNumber().toString());
        assertThat(identity.view().rotations()).isEqualTo(1);
    }

    private void writeSvid(TestSpiffeCa.Svid svid) throws Exception {
        // Written to a temporary name and moved, as a rotation tool does, so no poll sees half a file.
        for (var file : List.of(new String[] {"svid.pem", svid.certificatePem()}, new String[] {"svid.key", svid.keyPem()},
                new String[] {"bundle.pem", mesh.bundlePem()})) {
            Path tmp = dir.resolve(file[0] + ".tmp");
            Files.writeString(tmp, file[1]);
            Files.move(tmp, dir.resolve(file[0]), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
