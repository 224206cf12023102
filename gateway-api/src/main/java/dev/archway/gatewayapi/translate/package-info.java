/**
 * The translator: a pure function from a {@link dev.archway.gatewayapi.source.ResourceSet} to a
 * {@link dev.archway.gatewayapi.ir.Snapshot} and a {@link dev.archway.gatewayapi.status.StatusReport}.
 * No I/O, no clock (the time for conditions is an argument), no Vert.x. Every Gateway API rule
 * that decides what attaches to what lives here, and every rejection becomes a condition.
 *
 * <p>Starting point: {@link dev.archway.gatewayapi.translate.Translator#translate}, which runs the
 * passes in order: gateway classes, gateways and listeners, routes (parent attachment, matches,
 * filters, backends), clusters, then status.
 */
package dev.archway.gatewayapi.translate;
