package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Hot reload and hostile or broken input: the gateway keeps serving through all of it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReloadAndBadInputTest {
    static EchoBackend a;
    static EchoBackend b;
    static GatewayProcess gateway;
    static int port;
    static int deadPort;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        a = new EchoBackend("a");
        b = new EchoBackend("b");
        port = GatewayProcess.freePort();
        deadPort = GatewayProcess.freePort(); // nothing listens there
        dir = Files.createTempDirectory("archway-reload");
        GatewayProcess.write(dir, "backends.yaml", Configs.backends(a, b) + """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: dead, namespace: default}
                spec:
                  static:
                    hosts: [{host: 127.0.0.1, port: %d}]
                """.formatted(deadPort));
        GatewayProcess.write(dir, "gateway.yaml", gatewayYaml());
        GatewayProcess.write(dir, "routes.yaml", route("v1", "a"));
        gateway = GatewayProcess.start(dir);
    }

    static String gatewayYaml() {
        return Configs.gateway(port) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: dead, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - matches: [{path: {value: /dead}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: dead}]
                """;
    }

    static String route(String prefix, String backend) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - matches: [{path: {value: /%s}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: %s}]
                """.formatted(prefix, backend);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        a.close();
        b.close();
    }

    @Test
    @Order(1)
    void changedRouteIsServedAfterReloadWhileAnInFlightRequestFinishes() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/v1").header("x-backend")).isEqualTo("a");
        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return RawHttp.get(port, "x.test", "/v1/slow?delay=2000");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        GatewayProcess.write(dir, "routes.yaml", route("v2", "b"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(RawHttp.get(port, "x.test", "/v2").status()).isEqualTo(200));
        assertThat(RawHttp.get(port, "x.test", "/v2").header("x-backend")).isEqualTo("b");
        assertThat(RawHttp.get(port, "x.test", "/v1").status()).isEqualTo(404);
        RawHttp.Response inFlight = slow.get();
        assertThat(inFlight.status()).isEqualTo(200);
        assertThat(inFlight.header("x-backend")).isEqualTo("a");
    }

    @Test
    @Order(2)
    void brokenYamlIsReportedWithFileAndLineAndTheLastGoodConfigKeepsServing() throws Exception {
        GatewayProcess.write(dir, "routes.yaml", "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: app\n");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gateway.admin("/config_dump").body()).contains("routes.yaml:"));
        assertThat(RawHttp.get(port, "x.test", "/v2").header("x-backend")).isEqualTo("b");
        GatewayProcess.write(dir, "routes.yaml", route("v2", "b"));
    }

    @Test
    void deadUpstreamAnswers502Quickly() throws Exception {
        long start = System.nanoTime();
        RawHttp.Response r = RawHttp.get(port, "x.test", "/dead");
        assertThat(r.status()).isEqualTo(502);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void malformedRequestLineGets400AndTheGatewayKeepsServing() throws Exception {
        RawHttp.Response r = RawHttp.raw(port, "THIS IS NOT HTTP\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(RawHttp.get(port, "x.test", "/dead").status()).isEqualTo(502);
    }

    @Test
    void contentLengthWithTransferEncodingIsRefusedAs400() throws Exception {
        RawHttp.Response r = RawHttp.raw(port, "POST /v2 HTTP/1.1\r\nHost: x.test\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\nGET /v2 HTTP/1.1\r\nHost: x.test\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "x.test", "/v2", "X-Big: " + "a".repeat(20_000));
        assertThat(r.status()).isEqualTo(431);
    }

    @Test
    void statusShowsEveryResourceWithItsConditions() throws Exception {
        String status = gateway.admin("/status").body();
        assertThat(status).contains("\"kind\":\"Gateway\"").contains("\"kind\":\"HTTPRoute\"").contains("\"type\":\"Accepted\"");
    }
}
