/**
 * Runs proxy-wasm HTTP filters (the ABI Envoy hosts) in the JVM on Chicory.
 *
 * <p>Starting points: {@code filter.WasmFilterFactory} (the {@code archway.dev/wasm} filter kind),
 * {@code abi} (the host functions a guest imports), {@code vm} (one guest instance per event loop).
 */
package dev.archway.wasm;
