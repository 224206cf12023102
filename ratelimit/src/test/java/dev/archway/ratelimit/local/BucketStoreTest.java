package dev.archway.ratelimit.local;

import static dev.archway.ratelimit.local.Configs.byHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Memory stays bounded: full buckets are swept without changing any decision, and keys are capped. */
class BucketStoreTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final ManualClock clock = new ManualClock();

    @Test
    void sweepDropsIdleKeysWhoseBucketsRefilledAndKeepsTheOthers() {
        BucketStore store = new BucketStore(byHeader("x-api-key", 2, SECOND), clock, 100);
        store.take("idle");
        store.take("busy");
        clock.advance(SECOND);
        store.take("busy");

        assertThat(store.sweep()).isEqualTo(1);

        assertThat(store.size()).isEqualTo(1);
        assertThat(store.take("busy").remaining()).as("the busy key kept its count").isZero();
        assertThat(store.take("idle").remaining()).as("the idle key starts full again").isEqualTo(1);
    }

    @Test
    void capsKeysAndSendsNewOnesToOneOverflowBucket() {
        BucketStore store = new BucketStore(byHeader("x-api-key", 1, SECOND), clock, 2);
        assertThat(store.take("a").allowed()).isTrue();
        assertThat(store.take("b").allowed()).isTrue();

        assertThat(store.take("c").allowed()).isTrue();
        assertThat(store.take("d").allowed()).as("c and d share the overflow bucket").isFalse();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void givesNewKeysTheirOwnBucketsAgainOnceASweepMadeRoom() {
        BucketStore store = new BucketStore(byHeader("x-api-key", 1, SECOND), clock, 1);
        store.take("a");
        assertThat(store.take("b").allowed()).isTrue();
        assertThat(store.take("c").allowed()).isFalse();

        clock.advance(SECOND);
        store.sweep();

        assertThat(store.take("c").allowed()).isTrue();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void sweepsOnATimerOffTheEventLoop() {
        Vertx vertx = Vertx.vertx();
        try {
            BucketStore store = new BucketStore(byHeader("x-api-key", 1, Duration.ofMillis(100)),
                    io.github.bucket4j.TimeMeter.SYSTEM_NANOTIME, 100);
            store.startSweeping(vertx, Duration.ofMillis(50));
            store.take("a");
            store.take("b");
            assertThat(store.size()).isEqualTo(2);

            await().atMost(Duration.ofSeconds(5)).until(() -> store.size() == 0);
            store.stopSweeping();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void sweepPeriodFollowsTheFillIntervalWithinBounds() {
        assertThat(BucketStore.defaultSweepPeriod(Duration.ofMillis(10))).isEqualTo(SECOND);
        assertThat(BucketStore.defaultSweepPeriod(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(BucketStore.defaultSweepPeriod(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
    }
}
