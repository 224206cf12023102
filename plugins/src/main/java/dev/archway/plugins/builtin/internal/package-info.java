/**
 * Helpers shared by the built-in filters: HTTP syntax checks and the Gateway API path modifier.
 * Public only so that the filter packages can reach them; not an API for other modules.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.internal.PathRewriter} (used by both
 * redirect and URL rewrite), {@link dev.archway.plugins.builtin.internal.HttpSyntax}.
 */
package dev.archway.plugins.builtin.internal;
