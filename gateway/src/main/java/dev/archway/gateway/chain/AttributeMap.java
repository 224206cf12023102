package dev.archway.gateway.chain;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.AttributeKey;
import dev.archway.plugins.spi.Attributes;
import java.util.IdentityHashMap;
import java.util.Map;

/** Per-request typed state; keys compare by identity. One event loop, so no locking. */
final class AttributeMap implements Attributes {
    private Map<AttributeKey<?>, Object> values;

    @Override
    public <T> T get(AttributeKey<T> key) {
        requireNonNull(key, "key");
        return values == null ? null : key.type().cast(values.get(key));
    }

    @Override
    public <T> void set(AttributeKey<T> key, T value) {
        requireNonNull(key, "key");
        if (values == null) {
            values = new IdentityHashMap<>(4);
        }
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, key.type().cast(value));
        }
    }
}
