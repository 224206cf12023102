/**
 * The proxy-wasm ABI (0.2.1, with the 0.2.0 and 0.1.0 names) as host functions over a
 * {@link dev.archway.wasm.abi.GuestHost}: argument decoding, guest memory, header map encoding.
 *
 * <p>Starting points: {@link dev.archway.wasm.abi.HostFunctions} (what a guest can import),
 * {@link dev.archway.wasm.abi.GuestHost} (what the functions act on),
 * {@link dev.archway.wasm.abi.ImportLinker} (how a module's imports are satisfied).
 */
package dev.archway.wasm.abi;
