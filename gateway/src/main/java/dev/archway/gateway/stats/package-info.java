/**
 * Counters the filters report their decisions to ({@link dev.archway.plugins.spi.FilterMetrics}),
 * kept per configured filter across reloads and shown on the admin endpoint at {@code /stats}.
 *
 * <p>Starting point: {@link dev.archway.gateway.stats.FilterStats}.
 */
package dev.archway.gateway.stats;
