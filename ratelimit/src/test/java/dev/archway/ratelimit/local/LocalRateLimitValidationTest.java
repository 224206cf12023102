package dev.archway.ratelimit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig.Key;
import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig.KeyType;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LocalRateLimitValidationTest {
    private final LocalRateLimitFactory factory = new LocalRateLimitFactory();

    private static LocalRateLimitConfig config(long max, long perFill, Duration interval, Key key) {
        return new LocalRateLimitConfig(Configs.BUCKETS, max, perFill, interval, key);
    }

    private List<String> problems(long max, long perFill, Duration interval, Key key) {
        return factory.validate(config(max, perFill, interval, key));
    }

    @Test
    void declaresItsKindInTheRateLimitStageAndIsFoundByServiceLoader() {
        assertThat(factory.kind()).isEqualTo(FilterKinds.LOCAL_RATE_LIMIT);
        assertThat(factory.stage()).isEqualTo(FilterStage.RATE_LIMIT);
        assertThat(factory.configType()).isEqualTo(LocalRateLimitConfig.class);
        assertThat(ServiceLoader.load(FilterFactory.class).stream().map(ServiceLoader.Provider::type))
                .contains(LocalRateLimitFactory.class);
    }

    @Test
    void acceptsEachKeyType() {
        Duration second = Duration.ofSeconds(1);
        assertThat(problems(100, 10, second, Key.WHOLE_TARGET)).isEmpty();
        assertThat(problems(1, 1, Duration.ofMillis(1), new Key(KeyType.REMOTE_ADDRESS, null))).isEmpty();
        assertThat(problems(100, 100, second, new Key(KeyType.HEADER, "x-api-key"))).isEmpty();
        assertThat(problems(100, 100, second, new Key(KeyType.CLAIM, "org.id"))).isEmpty();
        assertThat(problems(100, 100, second, new Key(KeyType.CLAIM, "https://example.com/tenant"))).isEmpty();
    }

    @Test
    void rejectsEmptyBucketsAndFillsOutsideOneToMaxTokens() {
        assertThat(problems(0, 0, Duration.ofSeconds(1), Key.WHOLE_TARGET)).containsExactly(
                "tokenBucket.maxTokens: 0 (expected: >= 1)",
                "tokenBucket.tokensPerFill: 0 (expected: >= 1)");
        assertThat(problems(10, 20, Duration.ofSeconds(1), Key.WHOLE_TARGET)).containsExactly(
                "tokenBucket.tokensPerFill: 20 (expected: <= maxTokens, 10)");
    }

    @Test
    void rejectsFillIntervalsBelowOneMillisecond() {
        assertThat(problems(1, 1, Duration.ZERO, Key.WHOLE_TARGET))
                .containsExactly("tokenBucket.fillInterval: 0ms (expected: >= 1ms)");
        assertThat(problems(1, 1, Duration.ofNanos(500_000), Key.WHOLE_TARGET))
                .containsExactly("tokenBucket.fillInterval: 500000ns (expected: >= 1ms)");
        assertThat(problems(1, 1, Duration.ofSeconds(-1), Key.WHOLE_TARGET))
                .containsExactly("tokenBucket.fillInterval: -1000ms (expected: >= 1ms)");
        assertThat(problems(1, 1, null, Key.WHOLE_TARGET))
                .containsExactly("tokenBucket.fillInterval: missing (expected: a duration >= 1ms such as 1s)");
    }

    @Test
    void rejectsHeaderAndClaimKeysWithoutAUsableName() {
        Duration second = Duration.ofSeconds(1);
        assertThat(problems(1, 1, second, new Key(KeyType.HEADER, null)))
                .containsExactly("key.name: missing (expected: the header for type Header)");
        assertThat(problems(1, 1, second, new Key(KeyType.HEADER, "x api key"))).containsExactly(
                "key.name: 'x api key' is not a valid header name (expected: an HTTP token such as x-api-key)");
        assertThat(problems(1, 1, second, new Key(KeyType.CLAIM, "")))
                .containsExactly("key.name: missing (expected: the claim for type Claim, such as sub or org.id)");
        assertThat(problems(1, 1, second, new Key(KeyType.CLAIM, "org..id"))).containsExactly(
                "key.name: 'org..id' is not a claim path (expected: a claim name or dotted path such as org.id)");
    }

    @Test
    void rejectsANameThatTheKeyTypeWouldIgnore() {
        assertThat(problems(1, 1, Duration.ofSeconds(1), new Key(KeyType.REMOTE_ADDRESS, "x-forwarded-for")))
                .containsExactly("key.name: 'x-forwarded-for' (expected: no name for type RemoteAddress;"
                        + " a name goes with type Header or Claim)");
    }
}
