/**
 * Archway DirectResponse: the gateway answers with a fixed status, headers and body.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.direct.DirectResponseFactory}.
 */
package dev.archway.plugins.builtin.direct;
