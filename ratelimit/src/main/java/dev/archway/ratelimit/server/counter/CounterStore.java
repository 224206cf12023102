package dev.archway.ratelimit.server.counter;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Token buckets under string keys. A key's bucket holds {@code capacity} tokens and gets all of
 * them back once per {@code period} (interval refill: "capacity requests per period", never
 * trickled). The caller puts the limit into the key, so one key always meets the same capacity
 * and period.
 */
public interface CounterStore {

    /**
     * Takes {@code hits} tokens from the bucket of {@code key} if it holds that many. Never
     * blocks; the stage may complete on any thread, and fails with
     * {@link CounterUnavailableException} when the store cannot count now.
     *
     * @param capacity at least 1
     * @param hits at least 1
     */
    CompletionStage<Count> hit(String key, long capacity, Duration period, long hits);

    /** Whether the store can count now (Redis connected); for metrics. */
    boolean available();

    /** Releases connections and timers; counts in Redis stay. */
    CompletionStage<Void> close();
}
