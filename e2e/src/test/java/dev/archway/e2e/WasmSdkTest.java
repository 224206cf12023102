package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wasm plugins built from AssemblyScript sources by the wasm-host build, through a real gateway
 * process: a request paused on a call to a real loopback service and resumed by its answer
 * (also under concurrency, and with the service down), and guest metrics on {@code /metrics}.
 */
class WasmSdkTest {
    static final Path MODULES = Path.of("../wasm-host/target/wasm").toAbsolutePath().normalize();
    static EchoBackend app;
    static EchoBackend auth;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        app = new EchoBackend("app");
        auth = new EchoBackend("auth");
        port = GatewayProcess.freePort();
        int closed = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-wasm-sdk");
        GatewayProcess.write(dir, "gateway.yaml", Configs.backends(app, auth) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: down, namespace: default}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %1$d}]}}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - name: checked
                    matches: [{path: {value: /checked}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
                  - name: checked-down
                    matches: [{path: {value: /down}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
                  - name: counted
                    matches: [{path: {value: /counted}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
                  # The plugins call these clusters: a route must reference them for them to exist.
                  - name: auth-direct
                    matches: [{path: {value: /auth-direct}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: auth}]
                  - name: down-direct
                    matches: [{path: {value: /down-direct}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: down}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: checked, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: app, sectionName: checked}]
                  wasm:
                  - name: call-auth
                    module: {file: "%2$s/http_call.wasm"}
                    rootId: http_call
                    config: {cluster: backend/default/auth, path: "/check?status=200", timeout_ms: "2000"}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: checked-down, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: app, sectionName: checked-down}]
                  wasm:
                  - name: call-down
                    module: {file: "%2$s/http_call.wasm"}
                    rootId: http_call
                    config: {cluster: backend/default/down, path: /check, timeout_ms: "2000"}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: counted, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: app, sectionName: counted}]
                  wasm:
                  - name: metrics
                    module: {file: "%2$s/state.wasm"}
                    rootId: metrics
                """.formatted(closed, MODULES));
        gateway = GatewayProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        app.close();
        auth.close();
    }

    @Test
    void aRequestWaitsForThePluginsCallAndGoesOnWithItsAnswer() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "x.test", "/checked/orders", "authorization: Bearer t");
        assertThat(response.status()).isEqualTo(200);
        EchoBackend.Received upstream = app.received.get(app.received.size() - 1);
        assertThat(upstream.headers()).containsEntry("x-auth-status", "200");
        assertThat(upstream.headers().get("x-auth-body")).contains("\"backend\":\"auth\"");
        EchoBackend.Received call = auth.received.get(auth.received.size() - 1);
        assertThat(call.path()).isEqualTo("/check");
        assertThat(call.headers()).containsEntry("x-original-path", "/checked/orders")
                .containsEntry("authorization", "Bearer t");
    }

    @Test
    void manyPausedRequestsAtOnceAllComplete() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int n = i;
                statuses.add(clients.submit(() -> RawHttp.get(port, "x.test", "/checked/" + n).status()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aCallToAServiceThatIsDownReachesTheGuestWhichAnswers503() throws Exception {
        int before = app.received.size();
        RawHttp.Response response = RawHttp.get(port, "x.test", "/down");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("x-auth-error", "no-response");
        assertThat(app.received).hasSize(before);
    }

    @Test
    void metricsThePluginDefinesAreOnTheAdminEndpoint() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.get(port, "x.test", "/counted").status()).isEqualTo(200);
        }
        String metrics = gateway.admin("/metrics").body();
        assertThat(metrics).containsPattern("archway_wasm_counter_total\\{name=\"archway_test_requests_total\"\\} [3-9]");
        assertThat(metrics).contains("archway_wasm_histogram_count_total{name=\"archway_test_request_path_bytes\"}");
    }
}
