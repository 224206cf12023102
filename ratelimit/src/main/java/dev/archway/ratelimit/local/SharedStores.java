package dev.archway.ratelimit.local;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import dev.archway.plugins.share.SharedResources;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.Vertx;
import java.time.Duration;
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
    private final SharedResources<LocalRateLimitConfig, BucketStore> stores =
            new SharedResources<>(BucketStore::stopSweeping);

    SharedStores(TimeMeter clock, int maxKeys, Function<Duration, Duration> sweepPeriod) {
        this.clock = requireNonNull(clock, "clock");
        this.maxKeys = maxKeys;
        this.sweepPeriod = requireNonNull(sweepPeriod, "sweepPeriod");
    }

    /** The store for {@code config}, created (and its sweep started) by the first lease. */
    SharedResources.Lease<BucketStore> acquire(LocalRateLimitConfig config, Vertx vertx) {
        requireNonNull(config, "config");
        requireNonNull(vertx, "vertx");
        return stores.acquire(config, c -> {
            BucketStore store = new BucketStore(c, clock, maxKeys);
            store.startSweeping(vertx, sweepPeriod.apply(c.fillInterval()));
            return store;
        });
    }

    /** The live store for {@code config}, or null; for tests and diagnostics. */
    BucketStore find(LocalRateLimitConfig config) {
        return stores.find(config);
    }
}
