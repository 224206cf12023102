package dev.archway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.gateway.admin.AdminServer;
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
import dev.archway.plugins.spi.FilterMetrics;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} on the admin server, over real listeners, backends and reloads. */
class MetricsEndpointTest {
    private static final String ROUTE = "httproute/default/web/rule/0/match/0";

    @TempDir
    Path dir;

    private Vertx vertx;
    private EchoBackend echo;
    private DataPlane dataPlane;
    private AdminServer admin;
    private FileSource source;
    private TestClient client;
    private int gatewayPort;

    @BeforeEach
    void startBackend() {
        vertx = Vertx.vertx();
        echo = EchoBackend.start(vertx, "echo");
        client = TestClient.http1(vertx);
        gatewayPort = TestGateway.freePort();
    }

    /** A data plane whose runtime builder knows {@code registry}; the translator always knows the built-ins. */
    private void start(FilterRegistry registry) throws Exception {
        dataPlane = new DataPlane(vertx, DataPlaneSettings.defaults(1), registry);
        StatusStore status = new StatusStore();
        admin = TestClient.await(new AdminServer(vertx, status, dataPlane.filterStats(), dataPlane.metrics())
                .start("127.0.0.1", 0));
        Reloader reloader = new Reloader(new Translator(TranslatorOptions.standalone(
                new RegistryFilterCatalog(FilterRegistry.withBuiltIns()))), dataPlane, status);
        source = new FileSource(List.of(dir));
        source.start(reloader);
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        client.close();
        if (admin != null) {
            TestClient.await(admin.close());
            TestClient.await(dataPlane.shutdown(Duration.ofMillis(100)));
        }
        TestClient.await(vertx.close());
    }

    private String config(String routeFilters) {
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
                  hostnames: [app.example]
                  rules:
                  - backendRefs: [{group: gateway.archway.dev, kind: Backend, name: echo}]
                %s
                """.formatted(gatewayPort, echo.port(), routeFilters);
    }

    private void writeConfig(String yaml) throws Exception {
        Files.writeString(dir.resolve("config.yaml.tmp"), yaml);
        Files.move(dir.resolve("config.yaml.tmp"), dir.resolve("config.yaml"), StandardCopyOption.ATOMIC_MOVE);
    }

    private TestClient.Response scrape() {
        return client.get(admin.port(), "127.0.0.1", "/metrics");
    }

    @Test
    void countsRequestsByGatewayRouteAndStatusClassWithDurationBuckets() throws Exception {
        writeConfig(config(""));
        start(FilterRegistry.withBuiltIns());

        assertThat(client.get(gatewayPort, "app.example", "/").status()).isEqualTo(200);
        assertThat(client.get(gatewayPort, "app.example", "/again").status()).isEqualTo(200);
        assertThat(client.get(gatewayPort, "other.example", "/").status()).isEqualTo(404);

        // The access log line and the meters are written once the response has ended: wait for them.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scrape().body())
                .contains("archway_requests_total{gateway=\"default/gw\",route=\"" + ROUTE
                        + "\",status_class=\"2xx\"} 2.0")
                .contains("archway_requests_total{gateway=\"default/gw\",route=\"none\",status_class=\"4xx\"} 1.0"));
        TestClient.Response response = scrape();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE archway_request_duration_seconds histogram")
                .contains("archway_request_duration_seconds_bucket{gateway=\"default/gw\",route=\"" + ROUTE
                        + "\",le=\"5.0\"} 2")
                .contains("archway_request_duration_seconds_count{gateway=\"default/gw\",route=\"" + ROUTE + "\"} 2")
                .doesNotContain("quantile=");
    }

    @Test
    void countsRejectedAndAppliedReloadsAndShowsTheServingVersion() throws Exception {
        // The data plane knows no filter kinds: a route with a header filter cannot be built.
        writeConfig(config("""
                    filters:
                    - type: RequestHeaderModifier
                      requestHeaderModifier: {set: [{name: x-a, value: b}]}
                """));
        start(FilterRegistry.of(List.of()));

        assertThat(scrape().body())
                .contains("archway_config_reloads_total{result=\"failure\"} 1.0")
                .contains("archway_config_reloads_total{result=\"success\"} 0.0")
                .contains("archway_config_version 0.0");

        writeConfig(config(""));
        // The rejected config had version 1.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape().body())
                .contains("archway_config_reloads_total{result=\"success\"} 1.0")
                .contains("archway_config_version 2.0"));
        assertThat(scrape().body()).contains("archway_config_reloads_total{result=\"failure\"} 1.0");
    }

    @Test
    void exportsFilterDecisionsIncludingReasonsThatAppearAfterTheFirstScrape() throws Exception {
        writeConfig(config(""));
        start(FilterRegistry.withBuiltIns());
        FilterMetrics jwt = dataPlane.filterStats().of("trafficpolicy/default/auth/jwt", "archway.dev/jwt");
        jwt.allowed();
        jwt.denied("expired");

        String first = scrape().body();
        jwt.denied("expired");
        jwt.failed("jwks_unavailable");
        String second = scrape().body();

        String labels = "filter=\"trafficpolicy/default/auth/jwt\",kind=\"archway.dev/jwt\"";
        assertThat(first)
                .contains("archway_filter_decisions_total{decision=\"allowed\"," + labels + ",reason=\"none\"} 1.0")
                .contains("archway_filter_decisions_total{decision=\"denied\"," + labels + ",reason=\"expired\"} 1.0")
                .doesNotContain("jwks_unavailable");
        assertThat(second)
                .contains("archway_filter_decisions_total{decision=\"denied\"," + labels + ",reason=\"expired\"} 2.0")
                .contains("archway_filter_decisions_total{decision=\"failed\"," + labels
                        + ",reason=\"jwks_unavailable\"} 1.0");
    }
}
