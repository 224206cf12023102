package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What operators see of real requests: access log lines in a file ({@code --access-log}) with
 * route, endpoint, outcome, deciding filter and trace id, for a success, a 404, a 5xx and a
 * denied request; the caller's trace continued to the backend; the request metrics' labels.
 */
class ObservabilityTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";
    static EchoBackend backend;
    static GatewayProcess gateway;
    static Path accessLog;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        backend = new EchoBackend("app");
        port = GatewayProcess.freePort();
        int closed = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-observability");
        accessLog = Files.createTempDirectory("archway-logs").resolve("access.log");
        GatewayProcess.write(dir, "gateway.yaml", Configs.backends(backend) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: down, namespace: default}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %d}]}}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - name: ok
                    matches: [{path: {value: /ok}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
                  - name: broken
                    matches: [{path: {value: /broken}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: down}]
                  - name: limited
                    matches: [{path: {value: /limited}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: one-per-hour, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: shop, sectionName: limited}]
                  rateLimit:
                    local:
                      tokenBucket: {maxTokens: 1, tokensPerFill: 1, fillInterval: 1h}
                """.formatted(closed));
        gateway = GatewayProcess.start(dir, "--access-log", accessLog.toString());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    private static JsonObject lineFor(String path) throws Exception {
        JsonObject[] found = new JsonObject[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<String> lines = Files.exists(accessLog) ? Files.readAllLines(accessLog) : List.of();
            for (String line : lines) {
                JsonObject json = new JsonObject(line);
                if (path.equals(json.getString("path"))) {
                    found[0] = json;
                }
            }
            return found[0] != null;
        });
        return found[0];
    }

    @Test
    void aSuccessIsLoggedWithRouteEndpointAndTheTraceContinuedToTheBackend() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "x.test", "/ok/1", "traceparent: 00-" + TRACE + "-" + PARENT + "-01");
        assertThat(response.status()).isEqualTo(200);
        String forwarded = backend.received.get(backend.received.size() - 1).headers().get("traceparent");
        assertThat(forwarded).startsWith("00-" + TRACE + "-").endsWith("-01").doesNotContain(PARENT);

        JsonObject line = lineFor("/ok/1");
        assertThat(line.getInteger("status")).isEqualTo(200);
        assertThat(line.getString("route")).isEqualTo("httproute/default/shop/rule/0/match/0");
        assertThat(line.getString("endpoint")).isEqualTo("127.0.0.1:" + backend.port());
        assertThat(line.getString("outcome")).isEqualTo("upstream");
        assertThat(line.getString("trace_id")).isEqualTo(TRACE);
        // The span id in the log is the parent id the backend saw: logs and backend traces join up.
        assertThat(forwarded).isEqualTo("00-" + TRACE + "-" + line.getString("span_id") + "-01");
    }

    @Test
    void aRequestNoRouteMatchesIsLoggedAs404WithItsTrace() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/nowhere", "traceparent: 00-" + TRACE + "-" + PARENT + "-00").status())
                .isEqualTo(404);
        JsonObject line = lineFor("/nowhere");
        assertThat(line.getInteger("status")).isEqualTo(404);
        assertThat(line.getString("outcome")).isEqualTo("no_route");
        assertThat(line.getString("trace_id")).isEqualTo(TRACE);
    }

    @Test
    void aDeadUpstreamIsLoggedAsA5xxWithTheRouteAndCluster() throws Exception {
        int status = RawHttp.get(port, "x.test", "/broken").status();
        assertThat(status).isBetween(500, 599);
        JsonObject line = lineFor("/broken");
        assertThat(line.getInteger("status")).isEqualTo(status);
        assertThat(line.getString("route")).isEqualTo("httproute/default/shop/rule/1/match/0");
        assertThat(line.getString("cluster")).isEqualTo("backend/default/down");
        assertThat(line.getString("outcome")).isNotEqualTo("upstream");
    }

    @Test
    void aDeniedRequestIsLoggedWithTheFilterThatDeniedIt() throws Exception {
        RawHttp.get(port, "x.test", "/limited?first");
        assertThat(RawHttp.get(port, "x.test", "/limited?second").status()).isEqualTo(429);
        JsonObject line = lineFor("/limited?second");
        assertThat(line.getString("outcome")).isEqualTo("local_reply");
        assertThat(line.getString("filter")).isEqualTo("trafficpolicy/default/one-per-hour/rateLimit.local");
        assertThat(line.containsKey("trace_id")).isFalse();
    }

    @Test
    void requestMetricsCarryTheRouteAndStatusClass() throws Exception {
        RawHttp.get(port, "x.test", "/ok/metrics");
        RawHttp.get(port, "x.test", "/broken");
        String metrics = gateway.admin("/metrics").body();
        assertThat(metrics).contains("archway_requests_total{gateway=\"default/edge\",route=\"httproute/default/shop/rule/0/match/0\",status_class=\"2xx\"}");
        assertThat(metrics).contains("route=\"httproute/default/shop/rule/1/match/0\",status_class=\"5xx\"");
    }

    @Test
    void connectionMetricsCountClientsAndPooledUpstreamConnections() throws Exception {
        RawHttp.get(port, "x.test", "/ok/connections");
        String metrics = gateway.admin("/metrics").body();
        assertThat(metrics).containsPattern("archway_downstream_connections_opened_total\\{port=\"[^\"]*" + port
                + "[^\"]*\"\\} [1-9]");
        assertThat(metrics).containsPattern("archway_upstream_connections\\{endpoint=\"[^\"]*:" + backend.port()
                + "\",protocol=\"http1\"\\} [1-9]");
        assertThat(metrics).containsPattern("archway_upstream_connections_opened_total\\{endpoint=\"[^\"]*:"
                + backend.port() + "\",protocol=\"http1\"\\} [1-9]");
    }

    @Test
    void upstreamMetricsTimeEachTryAndCountTriesThatGotNoAnswerByReason() throws Exception {
        RawHttp.get(port, "x.test", "/ok/upstream");
        RawHttp.get(port, "x.test", "/broken");
        String metrics = gateway.admin("/metrics").body();
        assertThat(metrics).containsPattern(
                "archway_upstream_duration_seconds_count\\{cluster=\"backend/default/app\"\\} [1-9]");
        assertThat(metrics).containsPattern(
                "archway_upstream_duration_seconds_bucket\\{cluster=\"backend/default/app\",le=\"\\+Inf\"\\} [1-9]");
        assertThat(metrics).containsPattern("archway_upstream_failures_total\\{cluster=\"backend/default/down\","
                + "reason=\"upstream_connect_failure\"\\} [1-9]");
        // Nothing is in progress between requests: the gauge is back at zero.
        assertThat(metrics).contains("archway_requests_active 0.0");
    }
}
