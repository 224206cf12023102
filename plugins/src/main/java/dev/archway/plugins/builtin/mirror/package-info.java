/**
 * Gateway API RequestMirror: a copy of a share of requests, body included, goes to another
 * cluster; its response and failures never touch the client's exchange.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.mirror.RequestMirrorFactory};
 * {@code RequestMirrorFilter} decides per request and {@code MirrorCopy} collects one copy's body
 * while it streams to the real upstream, then sends it through
 * {@link dev.archway.plugins.spi.UpstreamClient}.
 */
package dev.archway.plugins.builtin.mirror;
