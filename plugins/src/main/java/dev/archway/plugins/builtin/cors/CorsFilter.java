package dev.archway.plugins.builtin.cors;

import dev.archway.gatewayapi.ir.filters.CorsConfig;
import dev.archway.plugins.spi.AttributeKey;
import dev.archway.plugins.spi.FilterMetrics;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * Answers CORS preflights itself and adds the CORS headers to the responses of allowed origins.
 *
 * <p>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 * never reaches the upstream: an allowed origin gets 200 with the {@code Access-Control-*}
 * headers, another origin 403 without any. The browser, not the gateway, then compares the
 * requested method and headers with the allowed ones, as the Gateway API describes. Every other
 * request goes on; its response, also a local reply of a later filter such as a JWT 401, gets
 * the headers when the origin is allowed, so that the browser lets scripts read the error.
 */
final class CorsFilter implements HttpFilter {
    static final String ORIGIN = "Origin";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    static final String MAX_AGE = "Access-Control-Max-Age";
    static final String VARY = "Vary";

    /**
     * The allowed origin of this request, read on the response side. Kept from the request side
     * because a later filter may remove the Origin header. One key per instance, so that two CORS
     * filters on one chain (a policy and a route filter) keep their own decisions.
     */
    private final AttributeKey<String> allowedOrigin = AttributeKey.of("cors.allowedOrigin", String.class);
    private final OriginMatcher origins;
    private final boolean credentials;
    /**
     * {@code allowOrigins: ["*"]} without credentials: every response gets the same
     * {@code Access-Control-Allow-Origin: *}, whatever the Origin, so no {@code Vary: Origin} is
     * needed and caches may share the response (the Fetch standard's advice for public resources).
     */
    private final boolean publicResource;
    /** The Allow-Methods value, or null: none when empty, the requested method when "*". */
    private final String allowMethods;
    private final boolean echoMethod;
    private final String allowHeaders;
    /**
     * For "*" the requested headers are echoed, with or without credentials: browsers do not let
     * a literal "*" cover Authorization, which a gateway in front of an API is mostly asked for.
     */
    private final boolean echoHeaders;
    /** The Expose-Headers value, or null for none or for {@link #exposeByName}. */
    private final String exposeHeaders;
    /** exposeHeaders "*" with credentials, where browsers read "*" as a header name: list the response's names. */
    private final boolean exposeByName;
    private final String maxAge;
    private final String preflightVary;

    /** Counts preflights: allowed, or denied for their origin. */
    private final FilterMetrics metrics;

    CorsFilter(CorsConfig config, FilterMetrics metrics) {
        this.metrics = metrics;
        this.origins = OriginMatcher.of(config.allowOrigins());
        this.credentials = config.allowCredentials();
        this.publicResource = origins.matchesAny() && !credentials;
        this.echoMethod = config.allowMethods().contains("*");
        this.allowMethods = echoMethod ? null : joined(config.allowMethods());
        this.echoHeaders = config.allowHeaders().contains("*");
        this.allowHeaders = echoHeaders ? null : joined(config.allowHeaders());
        boolean exposeAll = config.exposeHeaders().contains("*");
        this.exposeByName = exposeAll && credentials;
        this.exposeHeaders = exposeAll ? (credentials ? null : "*") : joined(config.exposeHeaders());
        this.maxAge = Integer.toString(config.maxAgeSeconds());
        StringBuilder vary = new StringBuilder();
        if (!publicResource) {
            vary.append(ORIGIN);
        }
        if (echoMethod) {
            vary.append(vary.length() > 0 ? ", " : "").append(REQUEST_METHOD);
        }
        if (echoHeaders) {
            vary.append(vary.length() > 0 ? ", " : "").append(REQUEST_HEADERS);
        }
        this.preflightVary = vary.length() > 0 ? vary.toString() : null;
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        MultiMap headers = ctx.request().headers();
        String origin = headers.get(ORIGIN);
        if (origin == null) {
            return FilterStep.next();
        }
        if (ctx.request().method().equals("OPTIONS") && headers.contains(REQUEST_METHOD)) {
            return FilterStep.reply(preflight(origin, headers));
        }
        if (!publicResource && origins.matches(origin)) {
            ctx.attributes().set(allowedOrigin, origin);
        }
        return FilterStep.next();
    }

    private LocalReply preflight(String origin, MultiMap request) {
        if (!publicResource && !origins.matches(origin)) {
            metrics.denied("origin_not_allowed");
            LocalReply denied = LocalReply.text(403, "CORS preflight denied: origin not allowed");
            denied.headers().add(VARY, ORIGIN);
            return denied;
        }
        metrics.allowed();
        LocalReply reply = LocalReply.of(200);
        MultiMap out = reply.headers();
        out.add(ALLOW_ORIGIN, publicResource ? "*" : origin);
        if (credentials) {
            out.add(ALLOW_CREDENTIALS, "true");
        }
        String methods = echoMethod ? request.get(REQUEST_METHOD) : allowMethods;
        if (methods != null && !methods.isBlank()) {
            out.add(ALLOW_METHODS, methods);
        }
        String headers = echoHeaders ? request.get(REQUEST_HEADERS) : allowHeaders;
        if (headers != null && !headers.isBlank()) {
            out.add(ALLOW_HEADERS, headers);
        }
        if (exposeHeaders != null) {
            out.add(EXPOSE_HEADERS, exposeHeaders);
        }
        out.add(MAX_AGE, maxAge);
        if (preflightVary != null) {
            out.add(VARY, preflightVary);
        }
        return reply;
    }

    @Override
    public FilterStep onResponseHeaders(HttpFilterContext ctx) {
        MultiMap out = ctx.response().headers();
        // The gateway's policy is the one that holds: whatever CORS answer an upstream made itself
        // (a wider origin, credentials the policy does not allow) is dropped first.
        out.remove(ALLOW_ORIGIN);
        out.remove(ALLOW_CREDENTIALS);
        out.remove(EXPOSE_HEADERS);
        if (publicResource) {
            out.set(ALLOW_ORIGIN, "*");
            if (exposeHeaders != null) {
                out.set(EXPOSE_HEADERS, exposeHeaders);
            }
            return FilterStep.next();
        }
        // Also on responses to requests without Origin: a cache must not hand them to a
        // cross-origin request, which would need the CORS headers.
        addVaryOrigin(out);
        String origin = ctx.attributes().get(allowedOrigin);
        if (origin == null) {
            return FilterStep.next();
        }
        if (exposeByName) {
            String names = String.join(", ", out.names());
            if (!names.isEmpty()) {
                out.set(EXPOSE_HEADERS, names);
            }
        } else if (exposeHeaders != null) {
            out.set(EXPOSE_HEADERS, exposeHeaders);
        }
        out.set(ALLOW_ORIGIN, origin);
        if (credentials) {
            out.set(ALLOW_CREDENTIALS, "true");
        }
        return FilterStep.next();
    }

    /** Adds {@code Vary: Origin} unless a Vary value already names Origin or is "*". */
    private static void addVaryOrigin(MultiMap headers) {
        for (String value : headers.getAll(VARY)) {
            if (listsOriginOrAll(value)) {
                return;
            }
        }
        headers.add(VARY, ORIGIN);
    }

    private static boolean listsOriginOrAll(String value) {
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            int s = start;
            int e = end;
            while (s < e && (value.charAt(s) == ' ' || value.charAt(s) == '\t')) {
                s++;
            }
            while (e > s && (value.charAt(e - 1) == ' ' || value.charAt(e - 1) == '\t')) {
                e--;
            }
            int length = e - s;
            if ((length == 1 && value.charAt(s) == '*')
                    || (length == ORIGIN.length() && value.regionMatches(true, s, ORIGIN, 0, length))) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
