package dev.archway.ratelimit.server.counter;

import static java.util.Objects.requireNonNull;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Buckets in this process's memory: exact for one server, not shared between servers.
 *
 * <p>Every read and write of a bucket happens inside {@link ConcurrentHashMap#compute} (the
 * bin lock of its key), so a sweep can never drop a bucket between a hit's lookup and its
 * consumption, and the buckets themselves need no synchronization of their own.
 *
 * <p>Memory stays bounded two ways: a periodic sweep drops buckets that have refilled to full
 * (indistinguishable from the fresh bucket the key's next hit would create), and while
 * {@code maxKeys} keys have buckets, new keys share one overflow bucket per limit: a flood of
 * distinct keys is limited harder, never left unlimited.
 */
final class InMemoryCounterStore implements CounterStore {
    private final TimeMeter clock;
    private final int maxKeys;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    /** By limit ({@code capacity/periodNanos}); as many as the config has limits. */
    private final Map<String, Entry> overflow = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private Vertx vertx;
    private long timerId = -1;

    InMemoryCounterStore(TimeMeter clock, int maxKeys) {
        this.clock = requireNonNull(clock, "clock");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys: " + maxKeys + " (expected: >= 1)");
        }
        this.maxKeys = maxKeys;
    }

    @Override
    public CompletionStage<Count> hit(String key, long capacity, Duration period, long hits) {
        requireNonNull(key, "key");
        Count[] result = new Count[1];
        // size() sums striped counters without a lock; racing inserts may pass the cap by a few.
        boolean known = buckets.containsKey(key);
        Map<String, Entry> map = known || buckets.size() < maxKeys ? buckets : overflow;
        String mapKey = map == buckets ? key : capacity + "/" + period.toNanos();
        map.compute(mapKey, (k, entry) -> {
            Entry live = entry != null ? entry : new Entry(newBucket(capacity, period), capacity);
            result[0] = count(live.bucket.tryConsumeAndReturnRemaining(hits));
            return live;
        });
        return CompletableFuture.completedFuture(result[0]);
    }

    private static Count count(ConsumptionProbe probe) {
        return new Count(probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForReset());
    }

    private Bucket newBucket(long capacity, Duration period) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, period))
                .withCustomTimePrecision(clock)
                // Only ever touched under the map's bin lock: see the class comment.
                .withSynchronizationStrategy(SynchronizationStrategy.NONE)
                .build();
    }

    /** Drops buckets that have refilled to full; answers how many. */
    int sweep() {
        return sweep(buckets) + sweep(overflow);
    }

    private static int sweep(Map<String, Entry> map) {
        int[] dropped = new int[1];
        for (String key : map.keySet()) {
            map.computeIfPresent(key, (k, entry) -> {
                if (entry.bucket.getAvailableTokens() >= entry.capacity) {
                    dropped[0]++;
                    return null;
                }
                return entry;
            });
        }
        return dropped[0];
    }

    /** Sweeps every {@code period} on a worker thread (a sweep walks every key); one at a time. */
    void startSweeping(Vertx vertx, Duration period) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.timerId = vertx.setPeriodic(Math.max(1, period.toMillis()), id -> {
            if (sweeping.compareAndSet(false, true)) {
                vertx.executeBlocking(() -> {
                    try {
                        return sweep();
                    } finally {
                        sweeping.set(false);
                    }
                }, false);
            }
        });
    }

    /** Keys with a bucket of their own. */
    int size() {
        return buckets.size();
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public CompletionStage<Void> close() {
        if (vertx != null && timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        return CompletableFuture.completedFuture(null);
    }

    private record Entry(Bucket bucket, long capacity) {}
}
