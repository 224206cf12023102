package dev.archway.wasm.module;

/** A module could not be loaded or compiled; the message says which and why, for status. */
public final class ModuleException extends RuntimeException {
    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
