/**
 * A harness that drives filters without sockets: request, response, attributes and body
 * observers in memory, so a filter's behaviour is tested in microseconds.
 *
 * <p>Starting points: {@link dev.archway.plugins.testing.TestFilterContext} (build one from a
 * {@link dev.archway.plugins.testing.TestRequest}, run filters, stream a body),
 * {@link dev.archway.plugins.testing.Steps} (read what a filter decided).
 */
package dev.archway.plugins.testing;
