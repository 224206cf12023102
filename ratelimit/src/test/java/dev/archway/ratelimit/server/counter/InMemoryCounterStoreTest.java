package dev.archway.ratelimit.server.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryCounterStoreTest {
    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private static Count hit(CounterStore store, String key, long capacity, long hits) {
        return store.hit(key, capacity, Duration.ofMinutes(1), hits).toCompletableFuture().join();
    }

    @Test
    void allowsCapacityHitsPerPeriodThenRefusesUntilTheRefill() {
        InMemoryCounterStore store = new InMemoryCounterStore(clock, 100);
        assertThat(hit(store, "k", 3, 1)).isEqualTo(new Count(true, 2, TimeUnit.MINUTES.toNanos(1)));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(20));
        assertThat(hit(store, "k", 3, 2)).isEqualTo(new Count(true, 0, TimeUnit.SECONDS.toNanos(40)));

        Count refused = hit(store, "k", 3, 1);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.nanosUntilReset()).isEqualTo(TimeUnit.SECONDS.toNanos(40));

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(40));
        assertThat(hit(store, "k", 3, 1).allowed()).isTrue();
    }

    @Test
    void aHitLargerThanWhatIsLeftTakesNothing() {
        InMemoryCounterStore store = new InMemoryCounterStore(clock, 100);
        hit(store, "k", 5, 3);
        assertThat(hit(store, "k", 5, 3).allowed()).isFalse();
        assertThat(hit(store, "k", 5, 2)).extracting(Count::allowed, Count::remaining).containsExactly(true, 0L);
    }

    @Test
    void keysCountApart() {
        InMemoryCounterStore store = new InMemoryCounterStore(clock, 100);
        hit(store, "a", 1, 1);
        assertThat(hit(store, "a", 1, 1).allowed()).isFalse();
        assertThat(hit(store, "b", 1, 1).allowed()).isTrue();
    }

    @Test
    void theSweepDropsOnlyFullBucketsAndChangesNoDecision() {
        InMemoryCounterStore store = new InMemoryCounterStore(clock, 100);
        hit(store, "old", 2, 2);
        nanos.addAndGet(TimeUnit.MINUTES.toNanos(1));
        hit(store, "busy", 2, 2);

        assertThat(store.sweep()).isEqualTo(1);
        assertThat(store.size()).isEqualTo(1);
        assertThat(hit(store, "busy", 2, 1).allowed()).isFalse();
        assertThat(hit(store, "old", 2, 2).allowed()).isTrue();
    }

    @Test
    void newKeysBeyondTheCapShareOneBucketPerLimit() {
        InMemoryCounterStore store = new InMemoryCounterStore(clock, 2);
        hit(store, "a", 2, 1);
        hit(store, "b", 2, 1);

        assertThat(hit(store, "c", 2, 1).allowed()).isTrue();
        assertThat(hit(store, "d", 2, 1).allowed()).isTrue();
        assertThat(hit(store, "e", 2, 1).allowed()).as("c, d and e share one bucket of 2").isFalse();
        assertThat(hit(store, "a", 2, 1).allowed()).as("known keys keep their own bucket").isTrue();
        assertThat(store.size()).isEqualTo(2);
    }
}
