package dev.archway.plugins.builtin.cors;

import dev.archway.plugins.builtin.internal.HttpSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a request's {@code Origin} is one of the allowed origins. Built once from the
 * config; {@link #matches} walks the header value in place and allocates nothing, as it runs on
 * every cross-origin request.
 *
 * <p>Rules, from the Gateway API HTTPCORSFilter: scheme, host and port must all match; host and
 * scheme compare case-insensitively; a missing port is the scheme's default (80 for http, 443 for
 * https), so {@code https://a.example:443} and {@code https://a.example} are the same origin; a
 * host {@code *.example.com} matches one or more labels before {@code example.com} but not
 * {@code example.com} itself; a host {@code *} alone matches every host of that scheme and port;
 * the entry {@code *} matches every well-formed origin.
 */
final class OriginMatcher {
    private final boolean any;
    private final AllowedOrigin[] allowed;

    private OriginMatcher(boolean any, AllowedOrigin[] allowed) {
        this.any = any;
        this.allowed = allowed;
    }

    /**
     * The matcher of validated {@code allowOrigins}.
     *
     * @throws IllegalArgumentException when an entry is malformed (validation should have said so)
     */
    static OriginMatcher of(List<String> allowOrigins) {
        List<AllowedOrigin> parsed = new ArrayList<>();
        boolean any = false;
        for (String entry : allowOrigins) {
            if (entry.equals("*")) {
                any = true;
                continue;
            }
            AllowedOrigin origin = AllowedOrigin.parse(entry);
            if (origin == null) {
                throw new IllegalArgumentException("allowOrigins: '" + entry + "' is not an origin");
            }
            parsed.add(origin);
        }
        return new OriginMatcher(any, parsed.toArray(new AllowedOrigin[0]));
    }

    /** Whether every origin is allowed ({@code allowOrigins: ["*"]}). */
    boolean matchesAny() {
        return any;
    }

    /** Whether {@code origin}, an {@code Origin} header value, is allowed; false for null or malformed ones. */
    boolean matches(String origin) {
        if (origin == null) {
            return false;
        }
        int schemeEnd = origin.indexOf("://");
        if (schemeEnd <= 0) {
            return false;
        }
        int hostStart = schemeEnd + 3;
        int hostEnd = hostEnd(origin, hostStart);
        if (hostEnd <= hostStart) {
            return false;
        }
        int port = hostEnd == origin.length() ? defaultPort(origin, schemeEnd) : port(origin, hostEnd);
        if (port < 0) {
            return false;
        }
        if (any) {
            return true;
        }
        for (AllowedOrigin candidate : allowed) {
            if (candidate.matches(origin, schemeEnd, hostStart, hostEnd, port)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the host of {@code origin} ends (exclusive), or -1 when it holds a character no
     * serialized origin has (a path, user info, a space...).
     */
    private static int hostEnd(String origin, int start) {
        int len = origin.length();
        if (start < len && origin.charAt(start) == '[') {
            int close = origin.indexOf(']', start);
            if (close < 0) {
                return -1;
            }
            for (int i = start + 1; i < close; i++) {
                char c = origin.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return -1;
                }
            }
            return close + 1;
        }
        int i = start;
        while (i < len && origin.charAt(i) != ':') {
            char c = origin.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            if (!ok) {
                return -1;
            }
            i++;
        }
        return i;
    }

    /** The port after {@code colon}: 1 to 5 digits and the end of the value, else -1. */
    private static int port(String origin, int colon) {
        int len = origin.length();
        if (origin.charAt(colon) != ':' || len - colon - 1 < 1 || len - colon - 1 > 5) {
            return -1;
        }
        int port = 0;
        for (int i = colon + 1; i < len; i++) {
            char c = origin.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : -1;
    }

    /** 80 or 443 for http and https; 0 for other schemes, which have no default port here. */
    private static int defaultPort(String origin, int schemeEnd) {
        if (schemeEnd == 4 && origin.regionMatches(true, 0, "http", 0, 4)) {
            return 80;
        }
        if (schemeEnd == 5 && origin.regionMatches(true, 0, "https", 0, 5)) {
            return 443;
        }
        return 0;
    }

    /** One configured origin other than {@code *}. */
    record AllowedOrigin(String scheme, HostRule rule, String host, int port) {

        enum HostRule {
            /** {@code host} equals the origin's host. */
            EXACT,
            /** {@code host} (starting with a dot) ends the origin's host, after at least one character. */
            SUBDOMAIN,
            /** Any host. */
            ANY
        }

        /**
         * Parses {@code http(s)://host[:port]} where host is a DNS name or IPv4 address, possibly
         * starting with {@code *.}, or {@code *} alone; null when {@code value} has another form.
         */
        static AllowedOrigin parse(String value) {
            String scheme;
            if (value.startsWith("http://")) {
                scheme = "http";
            } else if (value.startsWith("https://")) {
                scheme = "https";
            } else {
                return null;
            }
            String rest = value.substring(scheme.length() + 3);
            int colon = rest.indexOf(':');
            String host = colon < 0 ? rest : rest.substring(0, colon);
            int port = scheme.equals("http") ? 80 : 443;
            if (colon >= 0) {
                port = parsePort(rest.substring(colon + 1));
                if (port < 0) {
                    return null;
                }
            }
            if (host.equals("*")) {
                return new AllowedOrigin(scheme, HostRule.ANY, "", port);
            }
            if (host.startsWith("*.")) {
                String suffix = host.substring(2);
                return HttpSyntax.isHostname(suffix)
                        ? new AllowedOrigin(scheme, HostRule.SUBDOMAIN, "." + suffix, port) : null;
            }
            return HttpSyntax.isHostname(host) ? new AllowedOrigin(scheme, HostRule.EXACT, host, port) : null;
        }

        private static int parsePort(String digits) {
            if (digits.isEmpty() || digits.length() > 5) {
                return -1;
            }
            for (int i = 0; i < digits.length(); i++) {
                if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                    return -1;
                }
            }
            int port = Integer.parseInt(digits);
            return port >= 1 && port <= 65535 ? port : -1;
        }

        boolean matches(String origin, int schemeEnd, int hostStart, int hostEnd, int originPort) {
            if (originPort != port || schemeEnd != scheme.length()
                    || !origin.regionMatches(true, 0, scheme, 0, schemeEnd)) {
                return false;
            }
            int hostLength = hostEnd - hostStart;
            return switch (rule) {
                case EXACT -> hostLength == host.length() && origin.regionMatches(true, hostStart, host, 0, hostLength);
                case SUBDOMAIN -> hostLength > host.length()
                        && origin.regionMatches(true, hostEnd - host.length(), host, 0, host.length());
                case ANY -> true;
            };
        }
    }
}
