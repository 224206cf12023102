/**
 * The filter chain driver: it alone runs filters, pauses and resumes the request, buffers bodies,
 * writes local replies and turns filter failures into 500s. One {@link dev.archway.gateway.chain.Exchange}
 * per request carries it from route match to the last byte.
 *
 * <p>Starting points: {@link dev.archway.gateway.chain.Dispatcher#serve} (a request arrives),
 * {@link dev.archway.gateway.chain.FilterChain#build} (once per route per snapshot),
 * {@link dev.archway.gateway.chain.Exchange} (the per-request state machine).
 *
 * <pre>
 *  route filters: onRequestHeaders (stage order) ─► [buffer body ─► onRequestBody]
 *   ─► pick backend ─► backend filters: onRequestHeaders [─► onRequestBody] ─► upstream call
 *   ◄─ onResponseHeaders: backend filters, then route filters, in reverse ◄─ response head
 *   local reply at filter k: onResponseHeaders of the filters before k, in reverse
 *   end: onComplete of every filter that saw the request; one access log line
 * </pre>
 */
package dev.archway.gateway.chain;
