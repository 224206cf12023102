package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Local rate limits through a real listener: per-key buckets, the 429 answer, counts kept over a reload. */
class RateLimitTest {
    static EchoBackend backend;
    static GatewayProcess gateway;
    static Path dir;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        backend = new EchoBackend("api");
        port = GatewayProcess.freePort();
        dir = Files.createTempDirectory("archway-ratelimit");
        GatewayProcess.write(dir, "config.yaml", Configs.backends(backend) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: api, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - name: limited
                    matches: [{path: {value: /limited}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]
                  - name: free
                    matches: [{path: {value: /free}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: per-key, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: limited}]
                  rateLimit:
                    local:
                      tokenBucket: {maxTokens: 3, tokensPerFill: 3, fillInterval: 1h}
                      key: {type: Header, name: x-api-key}
                """);
        gateway = GatewayProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    private static RawHttp.Response get(String path, String key) throws Exception {
        return RawHttp.get(port, "x.test", path, "X-Api-Key: " + key);
    }

    @Test
    void eachKeyGetsItsBucketAndAnEmptyOneAnswers429WithRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            RawHttp.Response ok = get("/limited", "alice");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("ratelimit")).isEqualTo("\"local\";r=" + (2 - i) + ";t=3600");
        }
        RawHttp.Response limited = get("/limited", "alice");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("retry-after"))).isBetween(3500, 3600);
        assertThat(limited.header("ratelimit-policy")).isEqualTo("\"local\";q=3;w=3600");

        assertThat(get("/limited", "bob").status()).isEqualTo(200);
        assertThat(get("/free", "alice").status()).isEqualTo(200);
    }

    @Test
    void countsSurviveAReloadThatLeavesTheLimitAlone() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/limited", "carol").status()).isEqualTo(200);
        }
        GatewayProcess.write(dir, "other.yaml", """
                apiVersion: gateway.archway.dev/v1alpha1
                kind: DirectResponse
                metadata: {name: pong, namespace: default}
                spec: {status: 200, body: pong}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: ping, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - matches: [{path: {value: /ping}}]
                    filters: [{type: ExtensionRef, extensionRef: {group: gateway.archway.dev, kind: DirectResponse, name: pong}}]
                """);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(RawHttp.get(port, "x.test", "/ping").status()).isEqualTo(200));

        assertThat(get("/limited", "carol").status()).isEqualTo(429);
    }
}
