/**
 * The filter SPI: one small contract for every filter (Gateway API built-ins, Archway policies,
 * Wasm plugins, third-party Java filters).
 *
 * <p>Starting points: {@link dev.archway.plugins.spi.HttpFilter} (what a filter implements),
 * {@link dev.archway.plugins.spi.FilterStep} (its three outcomes: next, reply, await),
 * {@link dev.archway.plugins.spi.FilterFactory} (how config becomes a filter, once per snapshot),
 * {@link dev.archway.plugins.spi.FilterStage} (where in the chain a kind runs).
 *
 * <pre>
 *  request ─► EDGE ─► AUTHN ─► AUTHZ ─► RATE_LIMIT ─► USER ─► ROUTE ─► [backend filters] ─► upstream
 *  client  ◄─ EDGE ◄─ AUTHN ◄─ AUTHZ ◄─ RATE_LIMIT ◄─ USER ◄─ ROUTE ◄─ [backend filters] ◄─ response
 * </pre>
 *
 * A filter never blocks: when it must wait it returns {@link dev.archway.plugins.spi.FilterStep#await}.
 * Only the chain driver (in the gateway) pauses, buffers and writes local replies; a thrown
 * exception or failed future becomes a 500 local reply.
 */
package dev.archway.plugins.spi;
