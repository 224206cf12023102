package dev.archway.ratelimit.local;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The token buckets of one limit, one per key. The hot path is lock-free: a
 * {@link ConcurrentHashMap} read and one compare-and-set in Bucket4j's default lock-free bucket;
 * only a key's first request takes the map's bin lock to insert.
 *
 * <p>Memory stays bounded in two ways. A sweep drops the buckets that have refilled to full: such
 * a bucket is indistinguishable from the fresh one the key's next request would create, so
 * dropping it changes no decision. And the number of keys is capped: while the map is full, new
 * keys share one overflow bucket with the limits of a single key, so a flood of distinct keys is
 * limited harder, never left unlimited.
 */
final class BucketStore {
    private final long maxTokens;
    private final long tokensPerFill;
    private final Duration fillInterval;
    private final TimeMeter clock;
    private final int maxKeys;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    /** For the whole target, and for requests that lack the header or claim of the key. */
    private final Bucket shared;
    private final Bucket overflow;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile Vertx vertx;
    private volatile long timerId = -1;

    BucketStore(LocalRateLimitConfig config, TimeMeter clock, int maxKeys) {
        requireNonNull(config, "config");
        this.maxTokens = config.maxTokens();
        this.tokensPerFill = config.tokensPerFill();
        this.fillInterval = requireNonNull(config.fillInterval(), "config.fillInterval");
        this.clock = requireNonNull(clock, "clock");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys: " + maxKeys + " (expected: >= 1)");
        }
        this.maxKeys = maxKeys;
        this.shared = newBucket();
        this.overflow = newBucket();
    }

    /** What a request found in its bucket. */
    record Decision(boolean allowed, long remaining, long nanosToNextToken) {}

    /** Takes one token from the bucket of {@code key}; null is the shared bucket. */
    Decision take(String key) {
        if (key == null) {
            return decide(shared, shared.tryConsumeAndReturnRemaining(1));
        }
        // A round repeats only when a sweep is dropping the bucket under us; sweeps run once per
        // period, so two rounds are already rare.
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Entry entry = buckets.get(key);
            if (entry == null) {
                // size() is a sum of striped counters, no lock; racing inserts may overshoot the
                // cap by a few keys, which is harmless.
                if (buckets.size() >= maxKeys) {
                    return decide(overflow, overflow.tryConsumeAndReturnRemaining(1));
                }
                entry = buckets.computeIfAbsent(key, k -> new Entry(newBucket()));
            }
            ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
            // The sweep marks a bucket before its last fullness check, and we read the mark after
            // taking a token, so either the sweep saw our token (and keeps the bucket) or we see
            // the mark. Then we cannot tell which way the sweep went: we give the token back and
            // take again from whatever bucket the map now holds. Either way the request counts
            // once: a sweep neither loses a token nor takes one twice.
            if (!entry.evicted) {
                return decide(entry.bucket, probe);
            }
            if (probe.isConsumed()) {
                entry.bucket.addTokens(1);
            }
        }
        // Never admit from a bucket a sweep may have dropped: that token would be counted nowhere
        // and the key's next bucket would start full. Refusing fails towards limiting.
        return new Decision(false, 0, TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * Far above what a sweep once per period can cause (two rounds); only a sweep running
     * non-stop, as in the race test, needs more than a handful. Each round is a few map and
     * bucket operations, so the bound is also a bound on time on the event loop.
     */
    private static final int MAX_ROUNDS = 1000;

    private Decision decide(Bucket bucket, ConsumptionProbe probe) {
        if (!probe.isConsumed()) {
            return new Decision(false, 0, probe.getNanosToWaitForRefill());
        }
        long remaining = probe.getRemainingTokens();
        long next = remaining >= maxTokens ? 0
                : bucket.estimateAbilityToConsume(remaining + 1).getNanosToWaitForRefill();
        return new Decision(true, remaining, next);
    }

    /** Drops the buckets of keys that have refilled to full; answers how many. */
    int sweep() {
        int dropped = 0;
        for (Map.Entry<String, Entry> mapping : buckets.entrySet()) {
            Entry entry = mapping.getValue();
            if (entry.bucket.getAvailableTokens() < maxTokens) {
                continue;
            }
            entry.evicted = true;
            if (entry.bucket.getAvailableTokens() >= maxTokens && buckets.remove(mapping.getKey(), entry)) {
                dropped++;
            } else {
                entry.evicted = false;
            }
        }
        return dropped;
    }

    /**
     * Sweeps every {@code period} on a worker thread: a sweep walks up to the key cap, which is
     * too long for an event loop. One sweep at a time.
     */
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

    /** Cancels the sweep timer; the store is no longer used. */
    void stopSweeping() {
        Vertx owner = vertx;
        if (owner != null && timerId >= 0) {
            owner.cancelTimer(timerId);
        }
    }

    /** The sweep period for a limit: the fill interval (state changes only then), within 1s..1m. */
    static Duration defaultSweepPeriod(Duration fillInterval) {
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(1);
        return fillInterval.compareTo(min) < 0 ? min : fillInterval.compareTo(max) > 0 ? max : fillInterval;
    }

    /** The number of keys with a bucket of their own. */
    int size() {
        return buckets.size();
    }

    long timerId() {
        return timerId;
    }

    long maxTokens() {
        return maxTokens;
    }

    Duration fillInterval() {
        return fillInterval;
    }

    private Bucket newBucket() {
        // Intervally, not greedy: the contract is "tokensPerFill come back every fillInterval".
        // Greedy refill would hand back one token every fillInterval/tokensPerFill, admitting
        // requests earlier than the user's stated window.
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(maxTokens).refillIntervally(tokensPerFill, fillInterval))
                .withCustomTimePrecision(clock)
                .build();
    }

    private static final class Entry {
        final Bucket bucket;
        /** Set by a sweep about to drop this bucket; see {@link #take}. */
        volatile boolean evicted;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }
}
