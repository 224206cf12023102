package dev.archway.ratelimit.server.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The descriptors at one depth of a tree, indexed for the lookup every request entry makes:
 * by key, then by value, with the key's value-less node as the fallback. Two map reads per entry
 * and no allocation.
 */
final class Level {
    private final List<Descriptor> all;
    private final Map<String, ByKey> byKey = new HashMap<>();

    Level(List<Descriptor> descriptors) {
        this.all = List.copyOf(descriptors);
        for (Descriptor descriptor : all) {
            ByKey slot = byKey.computeIfAbsent(descriptor.key(), k -> new ByKey());
            if (descriptor.value() == null) {
                slot.anyValue = descriptor;
            } else {
                slot.byValue.put(descriptor.value(), descriptor);
            }
        }
    }

    List<Descriptor> all() {
        return all;
    }

    /** The node with this key and value, else the node with this key and no value, else null. */
    Descriptor find(String key, String value) {
        ByKey slot = byKey.get(key);
        if (slot == null) {
            return null;
        }
        Descriptor exact = slot.byValue.get(value);
        return exact != null ? exact : slot.anyValue;
    }

    private static final class ByKey {
        final Map<String, Descriptor> byValue = new HashMap<>();
        Descriptor anyValue;
    }
}
