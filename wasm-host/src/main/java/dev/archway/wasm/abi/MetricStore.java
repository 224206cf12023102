package dev.archway.wasm.abi;

/** The metrics guests define; ids are handed to the guest. Thread-safe. */
public interface MetricStore {

    /** Defines (or finds) a metric; answers its id (&gt; 0), or 0 when the type is unknown. */
    int define(int type, String name);

    /** OK, NOT_FOUND for an unknown id, BAD_ARGUMENT for a histogram. */
    int increment(int id, long delta);

    /** Sets a gauge or records a histogram sample (counters: BAD_ARGUMENT). */
    int record(int id, long value);

    /** The value of a counter or gauge; null when unknown or a histogram. */
    Long get(int id);
}
