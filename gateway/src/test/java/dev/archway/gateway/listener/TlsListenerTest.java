package dev.archway.gateway.listener;

import static dev.archway.gateway.testing.Ir.backend;
import static dev.archway.gateway.testing.Ir.cluster;
import static dev.archway.gateway.testing.Ir.endpoint;
import static dev.archway.gateway.testing.Ir.httpsPort;
import static dev.archway.gateway.testing.Ir.listener;
import static dev.archway.gateway.testing.Ir.prefix;
import static dev.archway.gateway.testing.Ir.route;
import static dev.archway.gateway.testing.Ir.snapshot;
import static dev.archway.gateway.testing.Ir.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gateway.testing.EchoBackend;
import dev.archway.gateway.testing.SelfSignedCertificate;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.TlsCertificateIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsListenerTest {
    private static Vertx clients;
    private static EchoBackend echo;
    private static TestGateway gateway;
    private static int port;
    private static SelfSignedCertificate certA;
    private static SelfSignedCertificate certB;

    /** What one HTTPS exchange showed: the certificate the server presented and the response. */
    record Seen(String certificateCn, java.math.BigInteger serial, int status, HttpVersion version, String body) {}

    @BeforeAll
    static void start() {
        clients = Vertx.vertx();
        echo = EchoBackend.start(clients, "echo");
        certA = SelfSignedCertificate.generate("a.example.com");
        certB = SelfSignedCertificate.generate("b.example.com");
        gateway = TestGateway.start();
        port = TestGateway.freePort();
        gateway.serve(config(certA.ir("secret/default/a", false, "a.example.com"),
                certB.ir("secret/default/b", true, "b.example.com")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        clients.close();
    }

    private static Snapshot config(TlsCertificateIr... certificates) {
        ClusterIr cluster = cluster("echo", UpstreamProtocol.HTTP1, endpoint(echo.port()));
        return snapshot(List.of(httpsPort(port, List.of(certificates),
                listener("a", "a.example.com", vhost("a.example.com", route("route-a", prefix("/"), backend("echo", 1)))),
                listener("b", "b.example.com", vhost("b.example.com", route("route-b", prefix("/"), backend("echo", 1)))))),
                cluster);
    }

    private static Seen exchange(HttpVersion version, String serverName, String authority) {
        HttpClientAgent client = clients.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
                .setVerifyHost(false).setForceSni(true).setUseAlpn(true).setProtocolVersion(version));
        try {
            RequestOptions options = new RequestOptions().setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
                    .setHost(serverName).setPort(port).setURI("/");
            return TestClient.await(client.request(options).compose(request -> {
                request.authority(HostAndPort.create(authority, port));
                return request.send().compose(response -> response.body().map(body -> {
                    X509Certificate presented;
                    try {
                        List<Certificate> chain = response.request().connection().peerCertificates();
                        presented = (X509Certificate) chain.get(0);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return new Seen(presented.getSubjectX500Principal().getName(), presented.getSerialNumber(),
                            response.statusCode(), response.version(), body.toString());
                }));
            }));
        } finally {
            TestClient.await(client.close());
        }
    }

    @Test
    void choosesTheCertificateBySniAndServesHttp2ThroughAlpn() {
        Seen a = exchange(HttpVersion.HTTP_2, "a.example.com", "a.example.com");
        Seen b = exchange(HttpVersion.HTTP_2, "b.example.com", "b.example.com");

        assertThat(a.certificateCn()).isEqualTo("CN=a.example.com");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(b.certificateCn()).isEqualTo("CN=b.example.com");
        assertThat(b.status()).isEqualTo(200);
    }

    @Test
    void servesHttp11OverTlsWithAPkcs1Key() {
        Seen b = exchange(HttpVersion.HTTP_1_1, "b.example.com", "b.example.com");

        assertThat(b.certificateCn()).isEqualTo("CN=b.example.com");
        assertThat(b.version()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(b.status()).isEqualTo(200);
    }

    @Test
    void answers421WhenTheAuthorityBelongsToAnotherListenerThanTheServerName() {
        Seen misdirected = exchange(HttpVersion.HTTP_2, "a.example.com", "b.example.com");

        assertThat(misdirected.certificateCn()).isEqualTo("CN=a.example.com");
        assertThat(misdirected.status()).isEqualTo(421);
    }

    @Test
    void fallsBackToTheFirstCertificateForAnUnknownServerName() {
        Seen other = exchange(HttpVersion.HTTP_1_1, "other.example.com", "a.example.com");

        assertThat(other.certificateCn()).isEqualTo("CN=a.example.com");
    }

    @Test
    void swapsCertificatesInPlaceWhenTheyChange() {
        SelfSignedCertificate renewed = SelfSignedCertificate.generate("a.example.com", "renewed.example.com");
        try {
            gateway.serve(config(renewed.ir("secret/default/a", true, "a.example.com"),
                    certB.ir("secret/default/b", true, "b.example.com")));

            Seen a = exchange(HttpVersion.HTTP_2, "a.example.com", "a.example.com");

            assertThat(a.status()).isEqualTo(200);
            assertThat(a.serial()).isEqualTo(renewed.certificate().getSerialNumber())
                    .isNotEqualTo(certA.certificate().getSerialNumber());
            assertThat(gateway.dataPlane().listeners().boundPorts()).containsExactly("127.0.0.1:" + port);
        } finally {
            gateway.serve(config(certA.ir("secret/default/a", false, "a.example.com"),
                    certB.ir("secret/default/b", true, "b.example.com")));
        }
    }
}
