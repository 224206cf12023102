package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code TrafficPolicy.wasm} through a real gateway process and a real loopback backend, with a
 * proxy-wasm module written in WAT and compiled by the test ({@code wasm-host/src/test/wat}).
 */
class WasmTest {
    static EchoBackend backend;
    static GatewayProcess gateway;
    static Path dir;
    static Path module;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        backend = new EchoBackend("app");
        port = GatewayProcess.freePort();
        dir = Files.createTempDirectory("archway-wasm");
        module = Files.createTempDirectory("archway-wasm-modules").resolve("headers.wasm");
        Files.write(module, Wat2Wasm.parse(Path.of("../wasm-host/src/test/wat/headers.wat").toFile()));
        GatewayProcess.write(dir, "gateway.yaml", Configs.backends(backend) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - name: plain
                    matches: [{path: {value: /plain}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
                  - name: plugged
                    matches: [{path: {value: /plugged}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
                """);
        GatewayProcess.write(dir, "policy.yaml", policy(""));
        gateway = GatewayProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    private static String policy(String moduleExtra) {
        return """
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: plugins, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: app, sectionName: plugged}]
                  wasm:
                  - name: headers
                    module: {file: "%s"%s}
                """.formatted(module, moduleExtra);
    }

    @Test
    void theGuestChangesRequestAndResponseHeadersOfItsRouteOnly() throws Exception {
        RawHttp.Response plugged = RawHttp.get(port, "x.test", "/plugged");
        assertThat(plugged.status()).isEqualTo(200);
        assertThat(plugged.headers()).containsEntry("x-wat", "yes");
        assertThat(backend.received.get(backend.received.size() - 1).headers()).containsEntry("x-wat", "yes");

        RawHttp.Response plain = RawHttp.get(port, "x.test", "/plain");
        assertThat(plain.headers()).doesNotContainKey("x-wat");
    }

    @Test
    void aLocalReplyNeverReachesTheBackend() throws Exception {
        int before = backend.received.size();
        RawHttp.Response denied = RawHttp.get(port, "x.test", "/plugged", "x-deny: 1");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("denied by wat");
        assertThat(backend.received).hasSize(before);
    }

    @Test
    void aTrappingOrRunawayGuestFailsOnlyItsRequest() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/plugged", "x-crash: 1").status()).isEqualTo(500);
        assertThat(RawHttp.get(port, "x.test", "/plugged", "x-spin: 1").status()).isEqualTo(500);
        for (int i = 0; i < 20; i++) {
            assertThat(RawHttp.get(port, "x.test", "/plugged").status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "x.test", "/plain").status()).isEqualTo(200);
        }
        assertThat(gateway.admin("/stats").body()).contains("trafficpolicy/default/plugins/wasm/headers");
    }

    @Test
    void aModuleWithTheWrongChecksumKeepsTheLastGoodConfigServing() throws Exception {
        GatewayProcess.write(dir, "policy.yaml", policy(", sha256: \"" + "ab".repeat(32) + "\""));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gateway.admin("/status").body()).contains("sha256 is ").contains("ab".repeat(32))
                        .contains("previous config keeps serving").contains("\"reason\":\"Invalid\""));
        assertThat(RawHttp.get(port, "x.test", "/plugged").headers()).containsEntry("x-wat", "yes");

        GatewayProcess.write(dir, "policy.yaml", policy(""));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gateway.admin("/status").body()).doesNotContain("sha256 is "));
    }
}
