/**
 * Status as the Kubernetes status subresources would hold it, computed by the translator and shown
 * by {@code archway validate}, admin {@code /status} and (later) the controller.
 *
 * <p>Starting points: {@link dev.archway.gatewayapi.status.StatusReport},
 * {@link dev.archway.gatewayapi.status.Reasons}.
 */
package dev.archway.gatewayapi.status;
