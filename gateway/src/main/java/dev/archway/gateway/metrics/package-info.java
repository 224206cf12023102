/**
 * Prometheus metrics of the gateway, served on the admin endpoint at {@code /metrics}: requests
 * and their durations by Gateway and route, config reloads, and the filters' decisions.
 *
 * <p>Meters are resolved when a runtime is built, never per request: an exchange holds its
 * {@link dev.archway.gateway.metrics.RouteMeters} and only increments them.
 *
 * <p>Starting points: {@link dev.archway.gateway.metrics.GatewayMetrics} (one per process) and
 * {@link dev.archway.gateway.metrics.RequestMetrics} (one per runtime).
 */
package dev.archway.gateway.metrics;
