package dev.archway.plugins.builtin.graphql.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GraphQL-shaped answers of the gateway, in the media type the client asked for.
 *
 * <p>A client whose {@code Accept} lists {@code application/graphql-response+json} gets that media
 * type and a 4xx for request errors (parse, validation, limits, allow-list). Any other client gets
 * {@code application/json} and status 200 for those, as the GraphQL over HTTP spec asks for legacy
 * clients. Errors of the HTTP framing (bad JSON, method, media type, size, hash mismatch) keep their
 * 4xx for both. The two APQ handshake errors ({@code PersistedQueryNotFound},
 * {@code PersistedQueryNotSupported}) are always 200 and never cached: Apollo's persisted-query
 * link turns APQ off for good when it sees a 400 or 500, so a 4xx would end APQ after one miss.
 */
public final class GraphQLReplies {
    public static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    public static final String APPLICATION_JSON = "application/json";

    private GraphQLReplies() {}

    /** Whether the client's {@code Accept} (all values joined by commas; null: absent) lists the new media type. */
    public static boolean acceptsGraphQLResponseJson(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (!parts[0].trim().equalsIgnoreCase(GRAPHQL_RESPONSE_JSON)) {
                continue;
            }
            if (!excluded(parts)) {
                return true;
            }
        }
        return false;
    }

    /** A refused request, e.g. from {@link GraphQLRequest#parse}. */
    public static LocalReply error(String accept, GraphQLRequestException e) {
        return error(accept, e.status(), e.code(), e.getMessage());
    }

    /**
     * One error: {@code {"errors":[{"message":...,"extensions":{"code":...}}]}}.
     *
     * @param status the status for a client that accepts {@code application/graphql-response+json};
     *     see the class comment for what others get
     * @param code one of {@link GraphQLErrorCodes}
     */
    public static LocalReply error(String accept, int status, String code, String message) {
        boolean strict = acceptsGraphQLResponseJson(accept);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code));
        LocalReply reply = json(strict, statusFor(strict, status, code), Map.of("errors", List.of(error)));
        if (status == 405) {
            reply.headers().set("allow", "GET, POST");
        }
        if (GraphQLErrorCodes.isPersistedQueryHandshake(code)) {
            // The very next request with this hash should succeed: no cache may keep the miss.
            reply.headers().set("cache-control", "private, no-cache, must-revalidate");
        }
        return reply;
    }

    /**
     * An execution result as graphql-java's {@code ExecutionResult.toSpecification()} gives it.
     * Without a {@code data} entry it is a request error: 400 for a client that accepts
     * {@code application/graphql-response+json}, 200 for others; with {@code data} (even null)
     * always 200.
     */
    public static LocalReply result(String accept, Map<String, Object> result) {
        boolean strict = acceptsGraphQLResponseJson(accept);
        int status = strict && !result.containsKey("data") ? 400 : 200;
        return json(strict, status, result);
    }

    static int statusFor(boolean strict, int status, String code) {
        if (GraphQLErrorCodes.isPersistedQueryHandshake(code)) {
            return 200;
        }
        if (!strict && GraphQLErrorCodes.isGraphQLRequestError(code)) {
            return 200;
        }
        return status;
    }

    private static LocalReply json(boolean strict, int status, Map<String, Object> body) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A result holding a value JSON cannot represent (a custom scalar's object): the gateway's fault.
            status = 500;
            bytes = ("{\"errors\":[{\"message\":\"the result could not be written as JSON\","
                    + "\"extensions\":{\"code\":\"" + GraphQLErrorCodes.INTERNAL_SERVER_ERROR + "\"}}]}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("content-type", (strict ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON) + "; charset=utf-8")
                // The same URL answers differently by Accept; a shared cache must key on it.
                .add("vary", "accept");
        return new LocalReply(status, headers, Buffer.buffer(bytes));
    }

    /** Whether a media range carries {@code q=0}, which excludes it. */
    private static boolean excluded(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim().toLowerCase(Locale.ROOT);
            if (param.startsWith("q=")) {
                try {
                    return Double.parseDouble(param.substring(2).trim()) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
