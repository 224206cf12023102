package dev.archway.ratelimit.local;

import static dev.archway.ratelimit.local.Configs.whole;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Buckets belong to the policy, not to one snapshot: reloads keep the counts. */
class SharedStoresTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private final Vertx vertx = Vertx.vertx();
    private final LocalRateLimitFactory factory = new LocalRateLimitFactory();

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private HttpFilter build(LocalRateLimitConfig config) {
        return factory.create(config, new TestBuildContext(vertx, null));
    }

    private static boolean passes(HttpFilter filter) {
        return Steps.isNext(filter.onRequestHeaders(new TestFilterContext(TestRequest.get("http://api.example/"))));
    }

    @Test
    void carriesCountsOverAReloadThatKeepsTheLimit() {
        HttpFilter before = build(whole(2, 2, HOUR));
        assertThat(passes(before)).isTrue();

        // A reload builds the new filter first, then closes the old one.
        HttpFilter after = build(whole(2, 2, HOUR));
        before.close();

        assertThat(passes(after)).isTrue();
        assertThat(passes(after)).as("the token taken before the reload stays taken").isFalse();
        after.close();
    }

    @Test
    void startsFreshBucketsWhenTheLimitChanges() {
        HttpFilter before = build(whole(1, 1, HOUR));
        assertThat(passes(before)).isTrue();

        HttpFilter after = build(whole(2, 1, HOUR));
        before.close();

        assertThat(passes(after)).isTrue();
        assertThat(passes(after)).isTrue();
        after.close();
    }

    @Test
    void keepsBucketsOfDifferentPoliciesApart() {
        HttpFilter orders = build(whole(1, 1, HOUR));
        HttpFilter users = build(new LocalRateLimitConfig("trafficpolicy/default/users/rateLimit", 1, 1, HOUR,
                LocalRateLimitConfig.Key.WHOLE_TARGET));

        assertThat(passes(orders)).isTrue();
        assertThat(passes(users)).isTrue();
        orders.close();
        users.close();
    }

    @Test
    void dropsTheStoreAndCancelsItsSweepWhenTheLastFilterCloses() {
        LocalRateLimitConfig config = whole(1, 1, HOUR);
        HttpFilter first = build(config);
        HttpFilter second = build(config);
        BucketStore store = factory.stores().find(config);
        long timer = store.timerId();

        first.close();
        first.close();
        assertThat(factory.stores().find(config)).as("closing twice releases once").isSameAs(store);

        second.close();
        assertThat(factory.stores().find(config)).isNull();
        assertThat(vertx.cancelTimer(timer)).as("the sweep timer was already cancelled").isFalse();

        HttpFilter next = build(config);
        assertThat(passes(next)).as("a store built after the drop starts full").isTrue();
        next.close();
    }
}
