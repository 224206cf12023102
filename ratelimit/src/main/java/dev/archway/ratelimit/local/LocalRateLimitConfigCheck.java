package dev.archway.ratelimit.local;

import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig.KeyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link LocalRateLimitConfig}. Field paths are relative to {@code spec.rateLimit.local}
 * and use the YAML names ({@code tokenBucket.maxTokens}, {@code key.name}), since that is what
 * the user wrote.
 */
final class LocalRateLimitConfigCheck {
    private static final Duration SMALLEST_INTERVAL = Duration.ofMillis(1);

    private LocalRateLimitConfigCheck() {}

    static List<String> problems(LocalRateLimitConfig config) {
        List<String> problems = new ArrayList<>();
        if (config == null) {
            problems.add("local: missing (expected: a tokenBucket and optionally a key)");
            return problems;
        }
        if (config.bucketName() == null || config.bucketName().isEmpty()) {
            problems.add("bucketName: missing (expected: the policy field the buckets belong to)");
        }
        if (config.maxTokens() < 1) {
            problems.add("tokenBucket.maxTokens: " + config.maxTokens() + " (expected: >= 1)");
        }
        if (config.tokensPerFill() < 1) {
            problems.add("tokenBucket.tokensPerFill: " + config.tokensPerFill() + " (expected: >= 1)");
        } else if (config.maxTokens() >= 1 && config.tokensPerFill() > config.maxTokens()) {
            problems.add("tokenBucket.tokensPerFill: " + config.tokensPerFill()
                    + " (expected: <= maxTokens, " + config.maxTokens() + ")");
        }
        Duration interval = config.fillInterval();
        if (interval == null) {
            problems.add("tokenBucket.fillInterval: missing (expected: a duration >= 1ms such as 1s)");
        } else if (interval.compareTo(SMALLEST_INTERVAL) < 0) {
            problems.add("tokenBucket.fillInterval: " + describe(interval) + " (expected: >= 1ms)");
        }
        checkKey(config.key(), problems);
        return problems;
    }

    private static void checkKey(LocalRateLimitConfig.Key key, List<String> problems) {
        if (key == null || key.type() == null) {
            problems.add("key.type: missing (expected: RemoteAddress, Header or Claim; no key for the whole target)");
            return;
        }
        String name = key.name();
        switch (key.type()) {
            case HEADER -> {
                if (name == null || name.isEmpty()) {
                    problems.add("key.name: missing (expected: the header for type Header)");
                } else if (!isToken(name)) {
                    problems.add("key.name: '" + name
                            + "' is not a valid header name (expected: an HTTP token such as x-api-key)");
                }
            }
            case CLAIM -> {
                if (name == null || name.isEmpty()) {
                    problems.add("key.name: missing (expected: the claim for type Claim, such as sub or org.id)");
                } else if (!isClaimPath(name)) {
                    problems.add("key.name: '" + name
                            + "' is not a claim path (expected: a claim name or dotted path such as org.id)");
                }
            }
            case REMOTE_ADDRESS, WHOLE_TARGET -> {
                // A name here would be silently ignored; say so rather than let the user believe
                // the limit is per header or claim.
                if (name != null) {
                    problems.add("key.name: '" + name + "' (expected: no name for "
                            + (key.type() == KeyType.REMOTE_ADDRESS ? "type RemoteAddress" : "the whole target")
                            + "; a name goes with type Header or Claim)");
                }
            }
        }
    }

    /** RFC 9110 token: the only legal form of a header name. */
    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Dot-separated non-empty parts without control characters, e.g. {@code sub} or {@code org.id}. */
    private static boolean isClaimPath(String path) {
        if (path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Duration duration) {
        long nanos = duration.toNanos();
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos + "ns";
    }
}
