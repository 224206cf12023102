package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Global limits across replicas, everything real: two gateways, each asking its own {@code archway
 * ratelimit-server} over gRPC, both servers counting in one real Redis (a redis-server process).
 */
class GlobalRateLimitTest {
    /** Per API key and route: 10 an hour, so nothing refills during the test. */
    private static final String DOMAINS = """
              domains:
              - domain: edge
                descriptors:
                - key: route
                  value: orders
                  descriptors:
                  - key: api_key
                    rate_limit: {unit: hour, requests_per_unit: 10}
                - key: route
                  value: payments
                  descriptors:
                  - key: api_key
                    rate_limit: {unit: hour, requests_per_unit: 10}
            """;

    static int redisPort;
    static RedisServer redis;
    static EchoBackend backend;
    static SideServiceProcess serverA;
    static SideServiceProcess serverB;
    static GatewayProcess gatewayA;
    static GatewayProcess gatewayB;
    static int portA;
    static int portB;

    @BeforeAll
    static void start() throws Exception {
        redisPort = GatewayProcess.freePort();
        redis = startRedis();
        Path dir = Files.createTempDirectory("archway-global-rl");
        serverA = SideServiceProcess.rateLimitServer(dir, "rls-a", redisPort, DOMAINS);
        serverB = SideServiceProcess.rateLimitServer(dir, "rls-b", redisPort, DOMAINS);
        backend = new EchoBackend("api");
        portA = GatewayProcess.freePort();
        portB = GatewayProcess.freePort();
        gatewayA = startGateway(dir.resolve("gw-a"), portA, serverA.port);
        gatewayB = startGateway(dir.resolve("gw-b"), portB, serverB.port);
        // The first calls after a start are slow (class loading, JIT, first Redis scripts); a slow
        // call on /orders would fail open and go uncounted. Warm each path on the fail-closed route.
        for (int port : new int[] {portA, portB}) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(get(port, "/payments", "warm-up-" + port).status()).isEqualTo(200));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gatewayA, gatewayB, serverA, serverB, backend}) {
            if (c != null) {
                c.close();
            }
        }
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
    }

    private static RedisServer startRedis() throws Exception {
        RedisServer server = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return server;
    }

    /**
     * A gateway whose two routes share one descriptor scheme; {@code /orders} fails open when the
     * service fails, {@code /payments} fails closed.
     */
    private static GatewayProcess startGateway(Path dir, int port, int rlsPort) throws Exception {
        Files.createDirectories(dir);
        GatewayProcess.write(dir, "config.yaml", Configs.backends(backend) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: ratelimit, namespace: default}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %d}]}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: GatewayExtension
                metadata: {name: limits-open, namespace: default}
                spec:
                  rateLimit:
                    grpcService: {backendRef: {group: gateway.archway.dev, kind: Backend, name: ratelimit}}
                    domain: edge
                    timeout: 5s
                    failOpen: true
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: GatewayExtension
                metadata: {name: limits-closed, namespace: default}
                spec:
                  rateLimit:
                    grpcService: {backendRef: {group: gateway.archway.dev, kind: Backend, name: ratelimit}}
                    domain: edge
                    timeout: 5s
                    failOpen: false
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: api, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - name: orders
                    matches: [{path: {value: /orders}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]
                  - name: payments
                    matches: [{path: {value: /payments}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: orders-limit, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: orders}]
                  rateLimit:
                    global:
                      extensionRef: {name: limits-open}
                      descriptors:
                      - entries: [{type: Generic, key: route, value: orders}, {type: Header, header: x-api-key, key: api_key}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: payments-limit, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: payments}]
                  rateLimit:
                    global:
                      extensionRef: {name: limits-closed}
                      descriptors:
                      - entries: [{type: Generic, key: route, value: payments}, {type: Header, header: x-api-key, key: api_key}]
                """.formatted(rlsPort));
        return GatewayProcess.start(dir);
    }

    private static RawHttp.Response get(int port, String path, String key) throws Exception {
        return RawHttp.get(port, "x.test", path, "X-Api-Key: " + key);
    }

    @Test
    void twoGatewaysWithTwoServersShareOneLimitExactly() throws Exception {
        int ok = 0;
        int limited = 0;
        RawHttp.Response lastLimited = null;
        for (int i = 0; i < 30; i++) {
            RawHttp.Response r = get(i % 2 == 0 ? portA : portB, "/orders", "shared-key");
            if (r.status() == 200) {
                ok++;
            } else if (r.status() == 429) {
                limited++;
                lastLimited = r;
            } else {
                throw new AssertionError("unexpected " + r.status() + "\n" + gatewayA.log() + serverA.log());
            }
        }

        assertThat(ok).isEqualTo(10);
        assertThat(limited).isEqualTo(20);
        assertThat(Integer.parseInt(lastLimited.header("retry-after"))).isBetween(3000, 3600);
        assertThat(lastLimited.header("ratelimit-policy")).isEqualTo("\"global\";q=10;w=3600");
        // Another key, and the same key on another route, have counts of their own.
        assertThat(get(portB, "/orders", "other-key").status()).isEqualTo(200);
        assertThat(get(portA, "/payments", "shared-key").status()).isEqualTo(200);
    }

    @Test
    void aRedisOutageFailsOpenOrClosedAsConfiguredAndLimitsResumeWhenRedisIsBack() throws Exception {
        assertThat(get(portA, "/payments", "outage-key").status()).isEqualTo(200);
        redis.stop();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(get(portA, "/payments", "outage-key").status()).isEqualTo(500));
            assertThat(get(portB, "/orders", "outage-key").status()).isEqualTo(200);
            assertThat(serverA.alive() && serverB.alive()).as("servers survive the outage").isTrue();
            assertThat(serverA.admin("/healthz").statusCode()).isEqualTo(200);
        } finally {
            redis = startRedis();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get(portB, "/payments", "after-outage").status()).isEqualTo(200));
        int ok = 1;
        while (get(ok % 2 == 0 ? portA : portB, "/payments", "after-outage").status() == 200) {
            ok++;
            assertThat(ok).as("the limit holds again after Redis is back").isLessThanOrEqualTo(10);
        }
        assertThat(ok).isEqualTo(10);
    }
}
