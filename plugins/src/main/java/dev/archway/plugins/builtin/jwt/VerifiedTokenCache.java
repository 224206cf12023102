package dev.archway.plugins.builtin.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens verified recently, so that a client sending the same token again costs a hash, not a
 * signature check. Keyed by the SHA-256 of the token, so the cache never holds a credential. An
 * entry lives until the token's {@code exp} and at most {@code ttlMillis}, so a key the provider
 * revoked stops working soon. Only successes are cached: a flood of bad tokens must not evict good
 * ones. Reads are lock-free; a full cache drops expired entries, then arbitrary ones.
 */
final class VerifiedTokenCache {

    /** A verified token: the index of the provider that verified it and what it said. */
    record Entry(int provider, JwtPrincipal principal, long expiresAtMillis) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlMillis;

    VerifiedTokenCache(int maxEntries, long ttlMillis) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttlMillis;
    }

    /** One digest per thread: looking up a MessageDigest costs more than hashing a token. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    });

    static String keyOf(String token) {
        byte[] hash = SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8));
        // The raw 32 bytes as 32 chars: a key, never shown, so no need to spend time on Base64.
        return new String(hash, StandardCharsets.ISO_8859_1);
    }

    Entry get(String key, long nowMillis) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() <= nowMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    /** @param expMillis the token's {@code exp}, or null when it has none */
    void put(String key, int provider, JwtPrincipal principal, Long expMillis, long nowMillis) {
        long expiresAt = nowMillis + ttlMillis;
        if (expMillis != null) {
            expiresAt = Math.min(expiresAt, expMillis);
        }
        if (expiresAt <= nowMillis) {
            return;
        }
        if (entries.size() >= maxEntries) {
            evict(nowMillis);
        }
        entries.put(key, new Entry(provider, principal, expiresAt));
    }

    int size() {
        return entries.size();
    }

    private void evict(long nowMillis) {
        entries.values().removeIf(entry -> entry.expiresAtMillis() <= nowMillis);
        if (entries.size() < maxEntries) {
            return;
        }
        // Still full of live tokens: drop a tenth, whichever the iteration meets first. Rare, and a
        // dropped token only costs one more signature check.
        int excess = entries.size() - maxEntries + Math.max(1, maxEntries / 10);
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (excess-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
