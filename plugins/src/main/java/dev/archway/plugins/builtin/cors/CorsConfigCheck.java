package dev.archway.plugins.builtin.cors;

import dev.archway.gatewayapi.ir.filters.CorsConfig;
import dev.archway.plugins.builtin.internal.HttpSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a {@link CorsConfig}, the same the Gateway API CRD makes for HTTPCORSFilter, so that
 * a TrafficPolicy (which no CRD schema checks) is held to the same rules. Field names are the
 * user's ({@code maxAge}, not the record's {@code maxAgeSeconds}).
 */
final class CorsConfigCheck {
    private static final String ORIGIN_FORM =
            "'*' or http(s)://host[:port], where host may start with '*.', e.g. https://app.example.com";

    private CorsConfigCheck() {}

    static List<String> problems(CorsConfig config) {
        List<String> problems = new ArrayList<>();
        List<String> origins = config.allowOrigins();
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i);
            if (!origin.equals("*") && OriginMatcher.AllowedOrigin.parse(origin) == null) {
                problems.add("allowOrigins[" + i + "]: '" + origin + "' is not an origin (expected: " + ORIGIN_FORM + ")");
            }
        }
        wildcardAlone("allowOrigins", origins, "origins", problems);

        List<String> methods = config.allowMethods();
        for (int i = 0; i < methods.size(); i++) {
            // Any RFC 9110 token: a TrafficPolicy may allow extension methods (PROPFIND, ...).
            if (!HttpSyntax.isToken(methods.get(i))) {
                problems.add("allowMethods[" + i + "]: '" + methods.get(i)
                        + "' is not an HTTP method (expected: a method such as GET or PUT, or '*')");
            }
        }
        wildcardAlone("allowMethods", methods, "methods", problems);

        headerNames("allowHeaders", config.allowHeaders(), problems);
        wildcardAlone("allowHeaders", config.allowHeaders(), "headers", problems);
        headerNames("exposeHeaders", config.exposeHeaders(), problems);

        // The CRD's minimum (where 0 would read as "not set"), kept here so that an HTTPRoute and a
        // TrafficPolicy accept the same values.
        if (config.maxAgeSeconds() < 1) {
            problems.add("maxAge: " + config.maxAgeSeconds() + " (expected: >= 1 second; the default is "
                    + CorsConfig.DEFAULT_MAX_AGE_SECONDS + ")");
        }
        return problems;
    }

    private static void headerNames(String field, List<String> names, List<String> problems) {
        for (int i = 0; i < names.size(); i++) {
            // "*" is itself a token, so it needs no special case.
            if (!HttpSyntax.isToken(names.get(i))) {
                problems.add(field + "[" + i + "]: '" + names.get(i)
                        + "' is not a header name (expected: an HTTP token such as x-request-id, or '*')");
            }
        }
    }

    /** "*" beside other values is ambiguous (the CRD refuses it with the same rule). */
    private static void wildcardAlone(String field, List<String> values, String what, List<String> problems) {
        if (values.size() < 2) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equals("*")) {
                problems.add(field + "[" + i + "]: '*' beside other " + what
                        + " (expected: either '*' alone or a list without '*')");
            }
        }
    }
}
