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
import static dev.archway.gateway.testing.Ir.withFilters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.archway.gateway.testing.EchoBackend;
import dev.archway.gateway.testing.SelfSignedCertificate;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestFilters;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.plugins.registry.FilterRegistry;
import io.vertx.core.json.JsonObject;
import dev.archway.gatewayapi.ir.ClientValidationIr;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS ports that check client certificates (Gateway spec.tls.frontend), with real TLS on
 * loopback: self-signed client certificates, one of which is the port's trusted CA.
 */
class ClientCertificateValidationTest {
    private static Vertx clients;
    private static EchoBackend echo;
    private static TestGateway gateway;
    private static int strictPort;
    private static int fallbackPort;
    private static SelfSignedCertificate server;
    private static SelfSignedCertificate trustedClient;
    private static SelfSignedCertificate strangerClient;

    @BeforeAll
    static void start() {
        clients = Vertx.vertx();
        echo = EchoBackend.start(clients, "echo");
        server = SelfSignedCertificate.generate("api.example.com");
        trustedClient = SelfSignedCertificate.withSans("trusted-client", "uri:spiffe://example.org/ns/shop/sa/web",
                "dns:web.shop.svc");
        strangerClient = SelfSignedCertificate.withSans("stranger", "uri:spiffe://evil.example/ns/x/sa/y");
        gateway = TestGateway.start(FilterRegistry.of(TestFilters.all()));
        strictPort = TestGateway.freePort();
        fallbackPort = TestGateway.freePort();
        gateway.serve(config(ClientValidationIr.Mode.ALLOW_VALID_ONLY));
    }

    private static Snapshot config(ClientValidationIr.Mode strictMode) {
        ClusterIr cluster = cluster("echo", UpstreamProtocol.HTTP1, endpoint(echo.port()));
        List<String> ca = List.of(trustedClient.certificatePem());
        return snapshot(List.of(
                httpsPort(strictPort, List.of(server.ir("secret/default/api", false)),
                        new ClientValidationIr("gateway/default/edge/frontend/default", ca, strictMode),
                        listener("strict", null, vhost("*", withFilters(route("route-strict", prefix("/"), backend("echo", 1)), identity())))),
                httpsPort(fallbackPort, List.of(server.ir("secret/default/api", false)),
                        new ClientValidationIr("gateway/default/edge/frontend/port/x", ca,
                                ClientValidationIr.Mode.ALLOW_INSECURE_FALLBACK),
                        listener("fallback", null, vhost("*", withFilters(route("route-fallback", prefix("/"), backend("echo", 1)), identity()))))),
                cluster);
    }

    private static FilterSpec identity() {
        return new FilterSpec(TestFilters.CLIENT_CERTIFICATE, "filter/identity", new TestFilters.Config("", ""));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        clients.close();
    }

    /** The status of a GET, or the failure of the connection. */
    private static int get(int port, SelfSignedCertificate clientCertificate) {
        return exchange(port, clientCertificate).getInteger("status");
    }

    /** The status, and the identity headers the backend received. */
    private static JsonObject exchange(int port, SelfSignedCertificate clientCertificate) {
        HttpClientOptions options = new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false);
        if (clientCertificate != null) {
            options.setKeyCertOptions(new PemKeyCertOptions()
                    .setCertValue(Buffer.buffer(clientCertificate.certificatePem()))
                    .setKeyValue(Buffer.buffer(clientCertificate.pkcs8KeyPem())));
        }
        HttpClientAgent client = clients.createHttpClient(options);
        try {
            return TestClient.await(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                    .setPort(port).setURI("/"))
                    .compose(request -> request.send().compose(response -> response.body().map(b -> {
                        JsonObject headers = b.toJsonObject().getJsonObject("headers");
                        return new JsonObject().put("status", response.statusCode())
                                .put("principal", headers.getJsonArray("x-client-principal").getString(0))
                                .put("verified", headers.getJsonArray("x-client-verified").getString(0))
                                .put("dns", headers.getJsonArray("x-client-dns").getString(0));
                    }))));
        } finally {
            TestClient.await(client.close());
        }
    }

    @Test
    void allowValidOnlyServesAClientWhoseCertificateChainsToTheCa() {
        assertThat(get(strictPort, trustedClient)).isEqualTo(200);
    }

    @Test
    void allowValidOnlyFailsTheHandshakeForAnotherCertificateOrNone() {
        int before = echo.requests();
        assertThat(catchThrowable(() -> get(strictPort, strangerClient))).isNotNull();
        assertThat(catchThrowable(() -> get(strictPort, null))).isNotNull();
        assertThat(echo.requests()).as("nothing reached the backend").isEqualTo(before);
    }

    @Test
    void filtersSeeTheVerifiedClientsSpiffeIdAndNames() {
        JsonObject seen = exchange(strictPort, trustedClient);

        assertThat(seen.getString("principal")).isEqualTo("spiffe://example.org/ns/shop/sa/web");
        assertThat(seen.getString("verified")).isEqualTo("true");
        assertThat(seen.getString("dns")).isEqualTo("web.shop.svc");
    }

    @Test
    void underInsecureFallbackAnUnverifiedCertificateIsMarkedSoAndNoCertificateIsNone() {
        assertThat(exchange(fallbackPort, trustedClient).getString("verified")).isEqualTo("true");
        JsonObject stranger = exchange(fallbackPort, strangerClient);
        assertThat(stranger.getString("verified")).isEqualTo("false");
        assertThat(stranger.getString("principal")).isEqualTo("spiffe://evil.example/ns/x/sa/y");
        assertThat(exchange(fallbackPort, null).getString("principal")).isEqualTo("none");
    }

    @Test
    void allowInsecureFallbackLetsEveryClientIn() {
        assertThat(get(fallbackPort, trustedClient)).isEqualTo(200);
        assertThat(get(fallbackPort, strangerClient)).isEqualTo(200);
        assertThat(get(fallbackPort, null)).isEqualTo(200);
    }
}
