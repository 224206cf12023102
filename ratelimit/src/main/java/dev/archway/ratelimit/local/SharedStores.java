package dev.archway.ratelimit.local;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The bucket stores of one factory, shared by every filter built from an equal config and counted
 * by reference. A config names its buckets ({@code bucketName}) and its limits; equal configs in
 * two snapshots find the same store, and since a reload builds the new filters before it closes
 * the old ones, the counts carry over. A changed limit or key gets a fresh store: old counts mean
 * nothing under new limits.
 */
final class SharedStores {
    private final TimeMeter clock;
    private final int maxKeys;
    private final Function<Duration, Duration> sweepPeriod;
    private final Map<LocalRateLimitConfig, Counted> stores = new ConcurrentHashMap<>();

    SharedStores(TimeMeter clock, int maxKeys, Function<Duration, Duration> sweepPeriod) {
        this.clock = requireNonNull(clock, "clock");
        this.maxKeys = maxKeys;
        this.sweepPeriod = requireNonNull(sweepPeriod, "sweepPeriod");
    }

    /** The store for {@code config}, created (and its sweep started) by the first lease. */
    Lease acquire(LocalRateLimitConfig config, Vertx vertx) {
        requireNonNull(config, "config");
        requireNonNull(vertx, "vertx");
        // compute() runs under the map's bin lock: a concurrent last release cannot drop the
        // store between our lookup and our count.
        Counted counted = stores.compute(config, (k, existing) -> {
            if (existing != null) {
                existing.refs++;
                return existing;
            }
            BucketStore store = new BucketStore(config, clock, maxKeys);
            store.startSweeping(vertx, sweepPeriod.apply(config.fillInterval()));
            return new Counted(store);
        });
        return new Lease(config, counted.store);
    }

    private void release(LocalRateLimitConfig config, BucketStore store) {
        stores.computeIfPresent(config, (k, counted) -> {
            if (counted.store != store || --counted.refs > 0) {
                return counted;
            }
            store.stopSweeping();
            return null;
        });
    }

    /** The live store for {@code config}, or null; for tests and diagnostics. */
    BucketStore find(LocalRateLimitConfig config) {
        Counted counted = stores.get(config);
        return counted == null ? null : counted.store;
    }

    /** One filter's hold on a store; releasing twice is harmless. */
    final class Lease {
        private final LocalRateLimitConfig config;
        private final BucketStore store;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(LocalRateLimitConfig config, BucketStore store) {
            this.config = config;
            this.store = store;
        }

        BucketStore store() {
            return store;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                SharedStores.this.release(config, store);
            }
        }
    }

    /** Mutated only inside the map's compute functions, which hold the bin lock. */
    private static final class Counted {
        final BucketStore store;
        int refs = 1;

        Counted(BucketStore store) {
            this.store = store;
        }
    }
}
