package dev.archway.ratelimit.global;

import dev.archway.gatewayapi.ir.filters.GlobalRateLimitConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link GlobalRateLimitConfig} as the translator built it. The translator already names
 * the user's mistakes field by field; this guards the record itself (a config built by other
 * code, or a translator bug), with paths relative to {@code spec.rateLimit.global}.
 */
final class GlobalRateLimitConfigCheck {
    private GlobalRateLimitConfigCheck() {}

    static List<String> problems(GlobalRateLimitConfig config) {
        List<String> problems = new ArrayList<>();
        if (config == null) {
            problems.add("global: missing");
            return problems;
        }
        if (config.domain() == null || config.domain().isBlank()) {
            problems.add("extensionRef: the service's domain is missing");
        }
        if (config.timeout() == null || config.timeout().isNegative() || config.timeout().isZero()) {
            problems.add("extensionRef: the service's timeout is " + config.timeout() + " (expected: > 0)");
        }
        if (config.descriptors().isEmpty()) {
            problems.add("descriptors: empty (expected at least one descriptor)");
        }
        for (int i = 0; i < config.descriptors().size(); i++) {
            List<GlobalRateLimitConfig.Entry> entries = config.descriptors().get(i).entries();
            if (entries.isEmpty()) {
                problems.add("descriptors[" + i + "].entries: empty (expected at least one entry)");
            }
            for (int j = 0; j < entries.size(); j++) {
                GlobalRateLimitConfig.Entry e = entries.get(j);
                String at = "descriptors[" + i + "].entries[" + j + "]";
                if (e.type() == null || e.key() == null || e.key().isEmpty()) {
                    problems.add(at + ": needs a type and a key");
                } else if (e.type() == GlobalRateLimitConfig.EntryType.GENERIC && (e.value() == null || e.value().isEmpty())) {
                    problems.add(at + ".value: missing (expected the descriptor value)");
                } else if ((e.type() == GlobalRateLimitConfig.EntryType.HEADER || e.type() == GlobalRateLimitConfig.EntryType.CLAIM)
                        && (e.source() == null || e.source().isEmpty())) {
                    problems.add(at + ": names no " + (e.type() == GlobalRateLimitConfig.EntryType.HEADER ? "header" : "claim"));
                }
            }
        }
        return problems;
    }
}
