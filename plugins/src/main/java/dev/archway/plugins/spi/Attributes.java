package dev.archway.plugins.spi;

/** Per-request typed state. Not thread-safe: a request lives on one event loop. */
public interface Attributes {
    <T> T get(AttributeKey<T> key);

    <T> void set(AttributeKey<T> key, T value);
}
