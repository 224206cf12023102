package dev.archway.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.gateway.runtime.DataPlane;
import dev.archway.gateway.runtime.DataPlaneSettings;
import dev.archway.gateway.runtime.RegistryFilterCatalog;
import dev.archway.gateway.runtime.Reloader;
import dev.archway.gateway.runtime.StatusStore;
import dev.archway.gateway.testing.EchoBackend;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gatewayapi.source.FileSource;
import dev.archway.gatewayapi.translate.Translator;
import dev.archway.gatewayapi.translate.TranslatorOptions;
import dev.archway.plugins.registry.FilterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoints over the whole reload path: files ─► source ─► translator ─► data plane ─► status. */
class AdminServerTest {
    @TempDir
    Path dir;

    private Vertx vertx;
    private EchoBackend echo;
    private DataPlane dataPlane;
    private StatusStore status;
    private AdminServer admin;
    private FileSource source;
    private TestClient client;
    private int gatewayPort;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        echo = EchoBackend.start(vertx, "echo");
        FilterRegistry registry = FilterRegistry.withBuiltIns();
        dataPlane = new DataPlane(vertx, DataPlaneSettings.defaults(1), registry);
        status = new StatusStore();
        admin = TestClient.await(new AdminServer(vertx, status).start("127.0.0.1", 0));
        client = TestClient.http1(vertx);
        gatewayPort = TestGateway.freePort();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        client.close();
        TestClient.await(admin.close());
        TestClient.await(dataPlane.shutdown(Duration.ofMillis(100)));
        TestClient.await(vertx.close());
    }

    private String config(String backendName) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: default}
                spec:
                  gatewayClassName: archway
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                  - {name: http, port: %d, protocol: HTTP}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: echo, namespace: default}
                spec:
                  static:
                    hosts: [{host: 127.0.0.1, port: %d}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: default}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - backendRefs: [{group: gateway.archway.dev, kind: Backend, name: %s}]
                """.formatted(gatewayPort, echo.port(), backendName);
    }

    private void startSource() throws Exception {
        Reloader reloader = new Reloader(new Translator(TranslatorOptions.standalone(
                new RegistryFilterCatalog(FilterRegistry.withBuiltIns()))), dataPlane, status);
        source = new FileSource(List.of(dir));
        source.start(reloader);
    }

    private TestClient.Response admin(String path) {
        return client.get(admin.port(), "127.0.0.1", path);
    }

    @Test
    void readyAnswers503UntilTheFirstConfigServesThen200() throws Exception {
        assertThat(admin("/ready").status()).isEqualTo(503);
        assertThat(admin("/healthz").status()).isEqualTo(200);
        Files.writeString(dir.resolve("config.yaml"), config("echo"));

        startSource();

        assertThat(admin("/ready").status()).isEqualTo(200);
        assertThat(admin("/ready").body()).isEqualTo("ready\n");
        assertThat(client.get(gatewayPort, "h", "/").json().getString("name")).isEqualTo("echo");
    }

    @Test
    void statusListsEveryResourceShapedLikeTheStatusSubresource() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), config("missing"));
        startSource();

        TestClient.Response response = admin("/status");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).isEqualTo("application/json");
        JsonArray resources = new JsonArray(response.body());
        JsonObject route = resources.stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("kind").equals("HTTPRoute")).findFirst().orElseThrow();
        assertThat(route.getString("apiVersion")).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.getJsonObject("metadata").getString("name")).isEqualTo("web");
        assertThat(route.getJsonObject("metadata").getLong("generation")).isEqualTo(1L);
        assertThat(route.getJsonObject("status").getJsonArray("parents")).isNotEmpty();
        assertThat(response.body()).contains("ResolvedRefs").doesNotContain("null");
        assertThat(client.get(gatewayPort, "h", "/").status()).isEqualTo(500);
    }

    @Test
    void configDumpShowsTheServingSnapshotWithoutPrivateKeys() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), config("echo"));
        startSource();

        JsonObject dump = new JsonObject(admin("/config_dump").body());

        assertThat(dump.getLong("version")).isEqualTo(1L);
        assertThat(dump.getJsonObject("snapshot").getJsonArray("ports")).hasSize(1);
        assertThat(dump.getJsonObject("snapshot").getJsonObject("clusters").fieldNames()).isNotEmpty();
        assertThat(dump.getJsonArray("sourceProblems")).isEmpty();
        assertThat(dump.containsKey("lastReloadError")).isFalse();
        assertThat(dump.encode()).doesNotContain("privateKeyPem");
    }

    @Test
    void reloadsWhenAFileChangesAndReportsSourceProblems() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), config("echo"));
        startSource();
        assertThat(client.get(gatewayPort, "h", "/").status()).isEqualTo(200);

        Files.writeString(dir.resolve("config.yaml.tmp"), config("missing"));
        Files.move(dir.resolve("config.yaml.tmp"), dir.resolve("config.yaml"),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get(gatewayPort, "h", "/").status() == 500);

        Files.writeString(dir.resolve("broken.yaml"), "kind: [unclosed\n");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                new JsonObject(admin("/config_dump").body()).getJsonArray("sourceProblems").size() == 1);
        assertThat(new JsonObject(admin("/config_dump").body()).getJsonArray("sourceProblems").getString(0))
                .contains("broken.yaml:1");
    }

    @Test
    void answers404ForUnknownPathsAnd405ForOtherMethods() {
        assertThat(admin("/nope").status()).isEqualTo(404);
        assertThat(client.send(io.vertx.core.http.HttpMethod.POST, admin.port(), "127.0.0.1", "/ready",
                io.vertx.core.MultiMap.caseInsensitiveMultiMap(), null).status()).isEqualTo(405);
    }
}
