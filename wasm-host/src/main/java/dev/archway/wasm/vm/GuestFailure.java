package dev.archway.wasm.vm;

/**
 * A guest call failed: a trap, {@code proc_exit}, a runaway call stopped by the watchdog, or a
 * broken ABI contract. The instance is unusable afterwards; the pool builds a new one.
 */
public final class GuestFailure extends RuntimeException {
    public GuestFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
