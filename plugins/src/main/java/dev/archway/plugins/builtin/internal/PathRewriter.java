package dev.archway.plugins.builtin.internal;

import dev.archway.gatewayapi.ir.filters.PathModifier;
import dev.archway.gatewayapi.ir.filters.PathModifierType;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gateway API path modifier, shared by RequestRedirect (the Location path) and URLRewrite (the
 * forwarded path) so that both agree on every edge case.
 *
 * <pre>
 *  matchedPrefix  value  request     result
 *  /foo           /bar   /foo        /bar
 *  /foo           /bar   /foo/x      /bar/x
 *  /foo           /bar   /foo/       /bar/
 *  /foo           /      /foo/x      /x
 *  /foo           /      /foo        /
 *  /foo           ""     /foo/x      /x
 *  /              /api   /x          /api/x
 * </pre>
 */
public final class PathRewriter {

    private PathRewriter() {}

    /** The path after applying {@code modifier}; {@code path} itself when the modifier is null. */
    public static String rewrite(PathModifier modifier, String path) {
        if (modifier == null) {
            return path;
        }
        return switch (modifier.type()) {
            case REPLACE_FULL_PATH -> modifier.value();
            case REPLACE_PREFIX_MATCH -> replacePrefix(modifier.matchedPrefix(), modifier.value(), path);
        };
    }

    /**
     * Replaces {@code prefix} at the start of {@code path} on a segment boundary. A path that does
     * not start with the prefix (the router should never pass one) is left unchanged rather than
     * mangled.
     */
    static String replacePrefix(String prefix, String replacement, String path) {
        String normalized = stripTrailingSlashes(prefix);
        String rest;
        if (normalized.equals("/")) {
            if (!path.startsWith("/")) {
                return path;
            }
            rest = path;
        } else if (startsWithSegments(path, normalized)) {
            rest = path.substring(normalized.length());
        } else {
            return path;
        }
        // rest is "" (the whole path matched) or starts with "/".
        if (rest.isEmpty()) {
            return replacement.isEmpty() ? "/" : replacement;
        }
        if (replacement.endsWith("/")) {
            return replacement + rest.substring(1);
        }
        return replacement + rest;
    }

    private static boolean startsWithSegments(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    private static String stripTrailingSlashes(String prefix) {
        int end = prefix.length();
        while (end > 1 && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(0, end);
    }

    /** Problems with {@code modifier}, each starting with {@code field} (e.g. {@code path}). */
    public static List<String> validate(String field, PathModifier modifier) {
        List<String> problems = new ArrayList<>();
        if (modifier == null) {
            return problems;
        }
        if (modifier.type() == null) {
            problems.add(field + ".type: missing (expected: ReplaceFullPath or ReplacePrefixMatch)");
            return problems;
        }
        String value = modifier.value();
        if (value == null) {
            problems.add(field + ".value: missing (expected: a path starting with '/')");
        } else {
            boolean emptyAllowed = modifier.type() == PathModifierType.REPLACE_PREFIX_MATCH;
            if (!(value.startsWith("/") || (emptyAllowed && value.isEmpty()))) {
                problems.add(field + ".value: '" + value + "' (expected: a path starting with '/')");
            } else if (!isPlainPath(value)) {
                problems.add(field + ".value: '" + value
                        + "' (expected: a path without query, fragment, whitespace or control characters)");
            }
        }
        if (modifier.type() == PathModifierType.REPLACE_PREFIX_MATCH) {
            String prefix = modifier.matchedPrefix();
            if (prefix == null || !prefix.startsWith("/")) {
                problems.add(field + ".matchedPrefix: " + (prefix == null ? "missing" : "'" + prefix + "'")
                        + " (expected: the route's PathPrefix match, starting with '/')");
            }
        }
        return problems;
    }

    private static boolean isPlainPath(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '?' || c == '#' || c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
