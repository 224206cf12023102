/**
 * Tracing: W3C trace context continued through the gateway, and, when an OTLP collector is
 * configured, OpenTelemetry spans for each request (server span, one client span per try at the
 * upstream, one span per filter that made the request wait).
 *
 * <p>Starting points: {@link dev.archway.gateway.trace.RequestTracing} (where a trace begins),
 * {@link dev.archway.gateway.trace.RequestTrace} (what an exchange reports),
 * {@link dev.archway.gateway.trace.OtlpTracing} (the exporter), and
 * {@link dev.archway.gateway.trace.TraceContext} (the header).
 */
package dev.archway.gateway.trace;
