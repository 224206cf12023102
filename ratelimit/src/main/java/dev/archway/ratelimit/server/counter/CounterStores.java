package dev.archway.ratelimit.server.counter;

import dev.archway.ratelimit.server.config.RedisSettings;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** The two {@link CounterStore}s. */
public final class CounterStores {
    /** Keys with a bucket of their own before new keys share an overflow bucket per limit. */
    public static final int IN_MEMORY_MAX_KEYS = 100_000;
    /** How often full in-memory buckets are dropped. */
    public static final Duration IN_MEMORY_SWEEP_PERIOD = Duration.ofSeconds(10);

    private CounterStores() {}

    /** Counts in this process's memory, swept on {@code vertx}'s timers and worker threads. */
    public static CounterStore inMemory(Vertx vertx) {
        InMemoryCounterStore store = new InMemoryCounterStore(TimeMeter.SYSTEM_NANOTIME, IN_MEMORY_MAX_KEYS);
        store.startSweeping(vertx, IN_MEMORY_SWEEP_PERIOD);
        return store;
    }

    /**
     * Counts in Redis. The stage completes once the first connection attempt has ended, with
     * whether it succeeded; the store is usable either way (hits fail until Redis is reachable).
     *
     * @throws IllegalArgumentException when the URL cannot be parsed
     */
    public static Connecting redis(RedisSettings settings) {
        RedisCounterStore store = new RedisCounterStore(settings);
        return new Connecting(store, store.connect());
    }

    /** A Redis store and the outcome of its first connection attempt. */
    public record Connecting(CounterStore store, CompletionStage<Boolean> connected) {}
}
