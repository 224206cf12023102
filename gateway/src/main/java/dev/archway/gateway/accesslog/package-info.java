/**
 * The access log: one JSON line per finished request on the SLF4J logger {@code archway.access}.
 * The line is built on the event loop (a few string appends); writing it is the logging backend's
 * job, which the bundled logback.xml does through an AsyncAppender, off the event loop.
 *
 * <p>Starting points: {@link dev.archway.gateway.accesslog.AccessRecord} (the fields),
 * {@link dev.archway.gateway.accesslog.AccessLog#log}.
 */
package dev.archway.gateway.accesslog;
