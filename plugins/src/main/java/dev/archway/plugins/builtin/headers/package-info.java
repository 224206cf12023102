/**
 * Gateway API RequestHeaderModifier and ResponseHeaderModifier: set, add and remove headers.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.headers.RequestHeaderModifierFactory},
 * {@link dev.archway.plugins.builtin.headers.ResponseHeaderModifierFactory}. Both apply the same
 * {@code HeaderEdits}, in the spec's order: set, then add, then remove.
 */
package dev.archway.plugins.builtin.headers;
