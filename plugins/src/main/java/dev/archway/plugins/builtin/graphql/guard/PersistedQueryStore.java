package dev.archway.plugins.builtin.graphql.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queries learnt through APQ, by the lower-case hex sha256 of their text: a bounded LRU, shared by
 * every event loop of one filter.
 *
 * <p>A plain lock around an access-ordered map: a lookup is a hash probe and a few pointer moves,
 * so the lock is held for well under a microsecond, and contention is not worth a lock-free
 * structure. Besides the entry count, the total length of the queries is bounded, so that clients
 * registering large queries cannot grow the store to {@code entries x maxRequestBytes}.
 */
final class PersistedQueryStore {
    private final int maxEntries;
    private final long maxChars;
    private final LinkedHashMap<String, String> queries = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;

    PersistedQueryStore(int maxEntries, long maxChars) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: at least 1)");
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars: " + maxChars + " (expected: at least 1)");
        }
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /** The query stored for {@code hash}, or null; a hit makes it the most recently used. */
    synchronized String get(String hash) {
        return queries.get(hash);
    }

    /** Stores {@code query} under {@code hash}, evicting the least recently used beyond the bounds. */
    synchronized void put(String hash, String query) {
        if (query.length() > maxChars) {
            return;
        }
        String previous = queries.put(hash, query);
        if (previous != null) {
            chars -= previous.length();
        }
        chars += query.length();
        Iterator<Map.Entry<String, String>> eldest = queries.entrySet().iterator();
        while ((queries.size() > maxEntries || chars > maxChars) && eldest.hasNext()) {
            chars -= eldest.next().getValue().length();
            eldest.remove();
        }
    }

    synchronized int size() {
        return queries.size();
    }

    /** The lower-case hex sha256 of the query's UTF-8 bytes, as APQ clients compute it. */
    static String sha256(String query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
