/**
 * The {@code archway.dev/wasm} filter: a proxy-wasm plugin in the user stage of a route's chain.
 *
 * <p>Starting points: {@link dev.archway.wasm.filter.WasmFilterFactory} (build: load, compile,
 * trial start), {@link dev.archway.wasm.filter.WasmFilter} (where each phase calls the guest),
 * {@link dev.archway.wasm.filter.WasmStream} (what the guest decided, as a filter step).
 */
package dev.archway.wasm.filter;
