package dev.archway.ratelimit.server;

import static dev.archway.ratelimit.server.RlsClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.ratelimit.server.counter.EmbeddedRedis;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.Code;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers counting in a real redis-server, over real gRPC on loopback. */
class RedisRateLimitServerTest {
    @TempDir
    Path dir;

    private final EmbeddedRedis redis = new EmbeddedRedis();
    private final Vertx vertx = Vertx.vertx();
    private final RlsClient client = new RlsClient(vertx);
    private final List<RateLimitServer> servers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (RateLimitServer server : servers) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    private static String config(String redisUrl, int perMinute) {
        return """
                kind: RateLimitServerConfig
                spec:
                  listen: "127.0.0.1:0"
                  admin: "127.0.0.1:0"
                  redis: {url: "%s", timeout: 300ms}
                  domains:
                  - domain: edge
                    descriptors:
                    - key: route
                      rate_limit: {unit: minute, requests_per_unit: %d}
                """.formatted(redisUrl, perMinute);
    }

    private RateLimitServer start(Path file) throws Exception {
        RateLimitServer server = RateLimitServer.start(vertx, file, Duration.ofMillis(50))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        servers.add(server);
        return server;
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void twoServersOnOneRedisShareOneLimitExactly() throws Exception {
        Path file = file("rls.yaml", config(redis.url(), 10));
        RateLimitServer a = start(file);
        RateLimitServer b = start(file);

        int ok = 0;
        for (int i = 0; i < 30; i++) {
            RateLimitServer server = i % 2 == 0 ? a : b;
            if (client.call(server.port(), request("edge", "route", "orders")).code() == Code.OK) {
                ok++;
            }
        }

        assertThat(ok).isEqualTo(10);
        assertThat(RlsClient.get(a.adminPort(), "/metrics")).contains("archway_ratelimit_redis_connected 1.0");
    }

    @Test
    void answersUnavailableQuicklyWhileRedisIsDownAndRecoversWhenItIsBack() throws Exception {
        RateLimitServer server = start(file("rls.yaml", config(redis.url(), 100)));
        assertThat(client.call(server.port(), request("edge", "route", "orders")).code()).isEqualTo(Code.OK);

        redis.stop();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            RlsClient.Answer answer = client.call(server.port(), request("edge", "route", "orders"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(answer.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
            assertThat(answer.message()).contains("Redis at 127.0.0.1:" + redis.port());
            assertThat(millis).as("an outage is answered, not waited out").isLessThan(700);
        }
        assertThat(RlsClient.get(server.adminPort(), "/metrics"))
                .contains("archway_ratelimit_errors_total{reason=\"redis_unavailable\"} 5.0")
                .contains("archway_ratelimit_redis_connected 0.0");
        assertThat(RlsClient.get(server.adminPort(), "/ready")).startsWith("200");

        redis.start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                client.call(server.port(), request("edge", "route", "orders")).status() == GrpcStatus.OK);
    }

    @Test
    void startsWithoutRedisAndServesOnceRedisCanBeReached() throws Exception {
        redis.stop();
        RateLimitServer server = start(file("rls.yaml", config(redis.url(), 100)));
        assertThat(client.call(server.port(), request("edge", "route", "orders")).status())
                .isEqualTo(GrpcStatus.UNAVAILABLE);

        redis.start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                client.call(server.port(), request("edge", "route", "orders")).status() == GrpcStatus.OK);
    }

    @Test
    void aReloadKeepsTheCountsInRedisAndABadOneKeepsTheOldConfig() throws Exception {
        Path file = file("rls.yaml", config(redis.url(), 3));
        RateLimitServer server = start(file);
        client.call(server.port(), request("edge", "route", "orders"));
        client.call(server.port(), request("edge", "route", "orders"));

        RlsClient.replace(file, config(redis.url(), 3) + "  - domain: added\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.config().domains().containsKey("added"));
        assertThat(client.call(server.port(), request("edge", "route", "orders")).response()
                .getStatuses(0).getLimitRemaining()).isZero();

        RlsClient.replace(file, config(redis.url(), 3).replace("requests_per_unit: 3", "requests_per_unit: -3"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(RlsClient.get(server.adminPort(), "/metrics"))
                .contains("archway_ratelimit_config_reloads_total{result=\"failure\"} 1.0"));
        assertThat(client.call(server.port(), request("edge", "route", "orders")).code()).isEqualTo(Code.OVER_LIMIT);
        assertThat(server.config().domains()).containsKey("added");
    }
}
