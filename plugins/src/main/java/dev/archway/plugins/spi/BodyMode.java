package dev.archway.plugins.spi;

/** Whether a filter sees the body as a stream (default, no copy) or whole (buffered, size-limited). */
public enum BodyMode {
    STREAM,
    BUFFER
}
