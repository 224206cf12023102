/**
 * Archway's own resource kinds (group {@code gateway.archway.dev}, version {@code v1alpha1}), as
 * Jackson-mapped classes beside the fabric8 Gateway API and core types.
 *
 * <p>Starting points: {@link dev.archway.gatewayapi.model.Backend},
 * {@link dev.archway.gatewayapi.model.DirectResponse}.
 */
package dev.archway.gatewayapi.model;
