/**
 * The runtime: the immutable per-snapshot object the data plane serves from, how it is built
 * (completely, before one atomic swap) and how config changes reach it.
 *
 * <p>Starting points: {@link dev.archway.gateway.runtime.Reloader} (source update ─► translate ─►
 * build ─► swap ─► listeners ─► status), {@link dev.archway.gateway.runtime.RuntimeBuilder},
 * {@link dev.archway.gateway.runtime.LiveRuntime} (the AtomicReference every request reads once).
 *
 * <pre>
 *  SourceUpdate ─► Translator ─► Snapshot ─► RuntimeBuilder ─► GatewayRuntime ─► swap
 *                      │                          │ (filter errors: keep the old runtime)
 *                      └─► StatusReport ─► StatusStore ◄── bind errors ◄── ListenerManager.apply
 * </pre>
 */
package dev.archway.gateway.runtime;
