package dev.archway.gateway.router;

import static java.util.Objects.requireNonNull;

import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What routing looks at in a request. The query string is decoded only when a route asks for a
 * parameter, so requests on routes without query conditions never parse it.
 */
public final class RouteRequest {
    private final String host;
    private final String method;
    private final String path;
    private final String query;
    private final MultiMap headers;
    private Map<String, String> firstParams;

    /**
     * @param host normalized (see {@link Hostnames#hostOf}); {@code ""} when the request had none
     * @param path the path without query string
     * @param query the raw query string without {@code ?}, or null
     * @param headers the request headers (case-insensitive names)
     */
    public RouteRequest(String host, String method, String path, String query, MultiMap headers) {
        this.host = requireNonNull(host, "host");
        this.method = requireNonNull(method, "method");
        this.path = requireNonNull(path, "path");
        this.query = query;
        this.headers = requireNonNull(headers, "headers");
    }

    public String host() {
        return host;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String query() {
        return query;
    }

    public MultiMap headers() {
        return headers;
    }

    /**
     * The header's values joined with {@code ","}, or null when absent. A header that repeats is
     * compared as one comma-separated value, which is how HTTP defines repeated fields
     * (RFC 9110 section 5.3) and how Envoy matches them.
     */
    String header(String name) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    /** The first value of query parameter {@code name} (case-sensitive, decoded), or null. */
    String queryParam(String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        if (firstParams == null) {
            firstParams = parseFirstValues(query);
        }
        return firstParams.get(name);
    }

    private static Map<String, String> parseFirstValues(String query) {
        Map<String, String> params = new HashMap<>();
        int start = 0;
        while (start <= query.length()) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            if (end > start) {
                String pair = query.substring(start, end);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.putIfAbsent(name, value);
            }
            start = end + 1;
        }
        return params;
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // A broken escape is compared as written rather than failing the request.
            return raw;
        }
    }
}
