package dev.archway.extauth.server.auth;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The original request as the gateway describes it, whichever protocol it came by.
 *
 * @param headers by lower-case name; repeated headers joined with a comma, as Envoy sends them
 */
public record AuthRequest(String method, String path, Map<String, String> headers) {
    public AuthRequest {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b));
        headers = Map.copyOf(lower);
        method = method == null ? "" : method;
        path = path == null ? "" : path;
    }

    /** The header's value, or null. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
