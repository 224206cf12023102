package dev.archway.gateway.upstream;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;

/** Random choice in proportion to weights; an entry of weight 0 (or less) is never chosen. */
public final class WeightedChoice {
    private WeightedChoice() {}

    /** The chosen entry, or null when there is none or every weight is 0. */
    public static <T> T pick(List<T> entries, ToIntFunction<T> weight) {
        long total = 0;
        for (T entry : entries) {
            total += Math.max(0, weight.applyAsInt(entry));
        }
        if (total <= 0) {
            return null;
        }
        long point = ThreadLocalRandom.current().nextLong(total);
        for (T entry : entries) {
            int w = Math.max(0, weight.applyAsInt(entry));
            if (point < w) {
                return entry;
            }
            point -= w;
        }
        throw new AssertionError("unreachable: point beyond total weight");
    }
}
