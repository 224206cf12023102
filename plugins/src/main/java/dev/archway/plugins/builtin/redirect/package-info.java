/**
 * Gateway API RequestRedirect: the gateway answers with a 3xx and a Location derived from the
 * request and the filter's scheme, hostname, port and path.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.redirect.RequestRedirectFactory};
 * {@code RequestRedirectFilter} builds the Location, with the path from
 * {@link dev.archway.plugins.builtin.internal.PathRewriter}.
 */
package dev.archway.plugins.builtin.redirect;
