package dev.archway.wasm.abi;

/**
 * The guest broke the ABI in a way the host cannot answer with a status code (no allocator, a
 * null allocation). Fails the request that triggered it; the VM is rebuilt.
 */
public final class GuestFault extends RuntimeException {
    public GuestFault(String message) {
        super(message);
    }
}
