package dev.archway.gateway.router;

import java.util.Locale;

/** The host part of an authority, as routing compares it. */
public final class Hostnames {
    private Hostnames() {}

    /**
     * The host of {@code authority} ({@code host}, {@code host:port}, {@code [v6]} or
     * {@code [v6]:port}) without port, lower case, without a trailing dot; {@code ""} when absent.
     * The port never takes part in listener selection: a client may name any port in Host.
     */
    public static String hostOf(String authority) {
        if (authority == null || authority.isEmpty()) {
            return "";
        }
        String host;
        if (authority.charAt(0) == '[') {
            int close = authority.indexOf(']');
            host = close < 0 ? authority : authority.substring(0, close + 1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
        }
        return normalize(host);
    }

    /** Lower case without a trailing dot ({@code Example.COM.} and {@code example.com} are one name). */
    public static String normalize(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.length() > 1 && lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** Whether {@code hostname} is a wildcard of the {@code *.suffix} form. */
    static boolean isWildcard(String hostname) {
        return hostname.startsWith("*.");
    }

    /** Whether {@code pattern} (exact, {@code *.suffix}, {@code *} or null) matches {@code host}. */
    public static boolean matches(String pattern, String host) {
        if (pattern == null || pattern.equals("*")) {
            return true;
        }
        String normalized = normalize(pattern);
        if (isWildcard(normalized)) {
            String suffix = normalized.substring(1);
            return host.length() > suffix.length() && host.endsWith(suffix);
        }
        return normalized.equals(host);
    }
}
