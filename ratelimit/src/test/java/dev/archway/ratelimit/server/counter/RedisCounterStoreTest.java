package dev.archway.ratelimit.server.counter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.ratelimit.server.config.RedisSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisCounterStoreTest {
    private final EmbeddedRedis redis = new EmbeddedRedis();

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void keysExpireOnceTheirBucketWouldBeFullAgain() {
        RedisCounterStore store = new RedisCounterStore(new RedisSettings(redis.url(), Duration.ofSeconds(1)));
        try {
            assertThat(store.connect().toCompletableFuture().join()).isTrue();
            Count count = store.hit("edge|k=v|3/minute", 3, Duration.ofMinutes(1), 1).toCompletableFuture().join();
            assertThat(count).extracting(Count::allowed, Count::remaining).containsExactly(true, 2L);

            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                long ttl = connection.sync().pttl(RedisCounterStore.KEY_PREFIX + "edge|k=v|3/minute");
                assertThat(ttl).isBetween(50_000L, 62_000L);
            } finally {
                client.shutdown();
            }
        } finally {
            store.close().toCompletableFuture().join();
        }
    }
}
