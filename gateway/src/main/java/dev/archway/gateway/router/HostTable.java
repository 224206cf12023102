package dev.archway.gateway.router;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the entry for a host: an exact name first, then the longest matching {@code *.suffix}
 * (one or more labels: {@code *.example.com} matches {@code a.b.example.com}, not
 * {@code example.com}), then the catch-all entry (hostname null or {@code *}). A lookup costs one
 * hash probe per label of the host.
 */
final class HostTable<T> {
    private final Map<String, T> exact;
    /** Keyed by the suffix after {@code *.}. */
    private final Map<String, T> wildcards;
    private final T any;

    private HostTable(Map<String, T> exact, Map<String, T> wildcards, T any) {
        this.exact = exact;
        this.wildcards = wildcards;
        this.any = any;
    }

    /** The first entry wins when two declare the same hostname (the IR lists the most specific first). */
    static <T> HostTable<T> build(List<T> entries, Function<T, String> hostname) {
        Map<String, T> exact = new HashMap<>();
        Map<String, T> wildcards = new HashMap<>();
        T any = null;
        for (T entry : entries) {
            String name = hostname.apply(entry);
            if (name == null || name.equals("*")) {
                if (any == null) {
                    any = entry;
                }
            } else {
                String normalized = Hostnames.normalize(name);
                if (Hostnames.isWildcard(normalized)) {
                    wildcards.putIfAbsent(normalized.substring(2), entry);
                } else {
                    exact.putIfAbsent(normalized, entry);
                }
            }
        }
        return new HostTable<>(exact, wildcards, any);
    }

    /** The entry for {@code host} (already normalized), or null. */
    T find(String host) {
        T found = exact.get(host);
        if (found != null) {
            return found;
        }
        if (!wildcards.isEmpty()) {
            // Suffixes from the longest: for a.b.example.com try b.example.com, example.com, com.
            for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
                found = wildcards.get(host.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return any;
    }
}
