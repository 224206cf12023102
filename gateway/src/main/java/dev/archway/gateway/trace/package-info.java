/**
 * W3C trace context: how the gateway continues a caller's trace towards the upstream and names
 * it in the access log.
 *
 * <p>Starting points: {@link dev.archway.gateway.trace.TraceContext}.
 */
package dev.archway.gateway.trace;
