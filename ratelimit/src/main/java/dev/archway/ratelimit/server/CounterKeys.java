package dev.archway.ratelimit.server;

import dev.archway.ratelimit.server.config.Limit;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import java.util.List;

/**
 * The key a request descriptor counts under: {@code domain|key=value|key=value|100/minute}, with
 * {@code \}, {@code |} and {@code =} escaped so that distinct descriptors never share a key.
 *
 * <p>The limit is part of the key on purpose: a reload that changes a limit starts its counts
 * afresh (old counts mean nothing under a new limit), while a reload that leaves a limit alone
 * keeps its counts, in memory and in Redis alike.
 */
final class CounterKeys {
    private CounterKeys() {}

    static String of(String domain, List<RateLimitDescriptor.Entry> entries, Limit limit) {
        StringBuilder key = new StringBuilder(32 + 16 * entries.size());
        escape(key, domain);
        for (RateLimitDescriptor.Entry entry : entries) {
            key.append('|');
            escape(key, entry.getKey());
            key.append('=');
            escape(key, entry.getValue());
        }
        return key.append('|').append(limit).toString();
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '|' || c == '=') {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
