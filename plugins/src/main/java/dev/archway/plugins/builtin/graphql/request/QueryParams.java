package dev.archway.plugins.builtin.graphql.request;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The GraphQL parameters of a GET query string ({@code application/x-www-form-urlencoded}, as the
 * GraphQL over HTTP spec says). Other parameters are left alone.
 */
final class QueryParams {
    private static final Set<String> NAMES = Set.of("query", "operationName", "variables", "extensions");

    private QueryParams() {}

    static GraphQLRequest read(String rawQuery) throws GraphQLRequestException {
        Map<String, String> params = decode(rawQuery);
        String variables = params.get("variables");
        String extensions = params.get("extensions");
        // An empty value is how forms send "absent"; a hash-only GET then has no query.
        return new GraphQLRequest(emptyToNull(params.get("query")), emptyToNull(params.get("operationName")),
                jsonObject(variables, "variables"), jsonObject(extensions, "extensions"), true);
    }

    /** The GraphQL parameters, decoded; each may appear once. */
    static Map<String, String> decode(String rawQuery) throws GraphQLRequestException {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query string");
            if (!NAMES.contains(name)) {
                continue;
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            // Two values would let the gateway check one while the upstream runs the other.
            if (params.putIfAbsent(name, value) != null) {
                throw GraphQLRequest.badRequest("query string: parameter " + name + " given more than once "
                        + "(expected: once)");
            }
        }
        return params;
    }

    private static String decode(String encoded, String field) throws GraphQLRequestException {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GraphQLRequest.badRequest(field + ": malformed percent-encoding (expected: "
                    + "application/x-www-form-urlencoded UTF-8)");
        }
    }

    private static Map<String, Object> jsonObject(String text, String field) throws GraphQLRequestException {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        return GraphQLRequest.object(GraphQLRequest.readJson(field, text.getBytes(StandardCharsets.UTF_8)), field);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
