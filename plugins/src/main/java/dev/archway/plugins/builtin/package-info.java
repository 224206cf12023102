/**
 * The Gateway API route filters, Archway's direct response and CORS, built on the filter SPI like
 * any third-party filter. All run in {@link dev.archway.plugins.spi.FilterStage#ROUTE}, except CORS,
 * which runs in {@link dev.archway.plugins.spi.FilterStage#EDGE}.
 *
 * <p>Starting points: one sub-package per filter ({@code headers}, {@code redirect},
 * {@code rewrite}, {@code mirror}, {@code direct}, {@code cors}), each with a public {@code ...Factory} that
 * {@link dev.archway.plugins.registry.FilterRegistry#withBuiltIns()} registers; shared syntax and
 * path helpers live in {@code builtin.internal}.
 */
package dev.archway.plugins.builtin;
