package dev.archway.gatewayapi.translate;

import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Gateway API hostname rules: wildcards cover one or more leading labels, intersection of a
 * listener hostname with a route hostname, and specificity for ordering.
 */
final class Hostnames {
    /** Any host: a listener without hostname, or a route without hostnames on such a listener. */
    static final String ANY = "*";

    private static final Pattern VALID = Pattern.compile(
            "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private Hostnames() {}

    static boolean isValid(String hostname) {
        return hostname != null && hostname.length() <= 253 && VALID.matcher(hostname).matches();
    }

    static String normalize(String hostname) {
        return hostname == null ? null : hostname.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether every host that {@code host} stands for is covered by {@code pattern}: an exact
     * name, or a wildcard ({@code *.a.example.com} is covered by {@code *.example.com}).
     */
    static boolean covers(String pattern, String host) {
        if (pattern == null || pattern.equals(ANY)) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1); // ".example.com"
            return host.endsWith(suffix) && host.length() > suffix.length();
        }
        return pattern.equals(host);
    }

    /**
     * The hostname a route hostname gets on a listener, or null when they do not intersect.
     *
     * @param listener the listener hostname, or null for any
     */
    static String intersect(String listener, String route) {
        if (listener == null || listener.equals(ANY)) {
            return route;
        }
        if (route.equals(ANY)) {
            return listener;
        }
        boolean lw = listener.startsWith("*.");
        boolean rw = route.startsWith("*.");
        if (!lw && !rw) {
            return listener.equals(route) ? route : null;
        }
        if (lw && !rw) {
            return covers(listener, route) ? route : null;
        }
        if (!lw) {
            return covers(route, listener) ? listener : null;
        }
        // both wildcards: the longer one, if the shorter covers it
        String longer = listener.length() >= route.length() ? listener : route;
        String shorter = longer == listener ? route : listener;
        return longer.equals(shorter) || longer.endsWith(shorter.substring(1)) ? longer : null;
    }

    /** Most specific first: exact names, then wildcards by length, then {@code *}; ties by name. */
    static final Comparator<String> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt(Hostnames::rank)
            .thenComparing(Comparator.comparingInt(String::length).reversed())
            .thenComparing(Comparator.naturalOrder());

    private static int rank(String hostname) {
        if (hostname == null || hostname.equals(ANY)) {
            return 2;
        }
        return hostname.startsWith("*.") ? 1 : 0;
    }
}
