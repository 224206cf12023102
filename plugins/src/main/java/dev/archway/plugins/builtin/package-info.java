/**
 * The Gateway API route filters, Archway's direct response and its policy filters, built on the
 * filter SPI like any third-party filter. The route filters run in
 * {@link dev.archway.plugins.spi.FilterStage#ROUTE}, CORS in
 * {@link dev.archway.plugins.spi.FilterStage#EDGE} (before authentication, so preflights need no
 * token), JWT authentication in {@link dev.archway.plugins.spi.FilterStage#AUTHN} and GraphQL
 * protection in {@link dev.archway.plugins.spi.FilterStage#USER}.
 *
 * <p>Starting points: one sub-package per filter ({@code headers}, {@code redirect},
 * {@code rewrite}, {@code mirror}, {@code direct}, {@code cors}, {@code jwt},
 * {@code graphql.protect}), each with a public {@code ...Factory} that
 * {@link dev.archway.plugins.registry.FilterRegistry#withBuiltIns()} registers; shared syntax and
 * path helpers live in {@code builtin.internal}.
 */
package dev.archway.plugins.builtin;
