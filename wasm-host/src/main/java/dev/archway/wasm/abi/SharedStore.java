package dev.archway.wasm.abi;

/**
 * Shared data and shared queues of one VM id: visible to every instance of the plugins that
 * share it, on every event loop. Thread-safe.
 */
public interface SharedStore {

    /** A value and its CAS token; the token changes on every write. */
    record Versioned(byte[] value, int cas) {}

    /** The value of {@code key}, or null. */
    Versioned get(String key);

    /** Sets {@code key}; with {@code cas} != 0 only when the current token equals it (else CAS_MISMATCH). */
    int set(String key, byte[] value, int cas);

    /** Registers (or takes over) the queue {@code name} for {@code owner}; answers its token. */
    int registerQueue(String name, QueueOwner owner);

    /** The token of queue {@code name} of VM id {@code vmId}, or 0 when there is none. */
    int resolveQueue(String vmId, String name);

    /** Adds {@code value} to queue {@code token}: OK, or NOT_FOUND. */
    int enqueue(int token, byte[] value);

    /** The oldest item of queue {@code token}; null when empty; throws for an unknown token. */
    byte[] dequeue(int token);

    /** Whether {@code token} names a queue. */
    boolean queueExists(int token);

    /** Told, on its own thread, when an item was added to its queue. */
    interface QueueOwner {
        void queueReady(int token);
    }
}
