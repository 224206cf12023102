/**
 * Gateway API URLRewrite: changes the authority and path forwarded upstream; the client sees no
 * redirect.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.rewrite.UrlRewriteFactory}; the path
 * logic is {@link dev.archway.plugins.builtin.internal.PathRewriter}, shared with the redirect.
 */
package dev.archway.plugins.builtin.rewrite;
