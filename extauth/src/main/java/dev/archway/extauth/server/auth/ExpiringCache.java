package dev.archway.extauth.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A small cache of answers keyed by a hash of the credentials (never the credentials), each entry
 * with its own expiry. Bounded: when full, expired entries go, and if that is not enough
 * everything goes; a burst of new credentials then costs a fresh check each, never memory.
 */
final class ExpiringCache<V> {
    private record Entry<V>(V value, long expiresAt) {}

    private final int maxSize;
    private final LongSupplier nanoClock;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(int maxSize, LongSupplier nanoClock) {
        this.maxSize = maxSize;
        this.nanoClock = nanoClock;
    }

    V get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAt - nanoClock.getAsLong() <= 0) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value;
    }

    void put(String key, V value, long ttlNanos) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (entries.size() >= maxSize) {
            entries.values().removeIf(e -> e.expiresAt - now <= 0);
            if (entries.size() >= maxSize) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, now + ttlNanos));
    }

    int size() {
        return entries.size();
    }
}
