/**
 * The plugin author's test kit: load a {@code .wasm} into the real host and drive it with
 * requests and responses, asserting headers, local replies, logs and metrics, without a gateway.
 *
 * <p>Starting points: {@link dev.archway.wasm.testkit.WasmPluginHarness},
 * {@link dev.archway.wasm.testkit.Exchange}.
 */
package dev.archway.wasm.testkit;
