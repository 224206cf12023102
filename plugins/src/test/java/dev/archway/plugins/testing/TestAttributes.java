package dev.archway.plugins.testing;

import dev.archway.plugins.spi.AttributeKey;
import dev.archway.plugins.spi.Attributes;
import java.util.IdentityHashMap;
import java.util.Map;

/** Attributes keyed by key identity, as the SPI asks. */
public final class TestAttributes implements Attributes {
    private final Map<AttributeKey<?>, Object> values = new IdentityHashMap<>();

    @Override
    public <T> T get(AttributeKey<T> key) {
        return key.type().cast(values.get(key));
    }

    @Override
    public <T> void set(AttributeKey<T> key, T value) {
        values.put(key, key.type().cast(value));
    }
}
