package dev.archway.plugins.builtin.graphql.request;

import java.util.Set;

/**
 * The {@code extensions.code} values of the errors the gateway itself answers. The names follow
 * the ones GraphQL servers commonly use (Apollo's among them), so clients that already branch on
 * them work unchanged.
 */
public final class GraphQLErrorCodes {
    /** The HTTP request is not a GraphQL request: bad JSON, wrong parameter types, no query. */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** A method other than GET or POST, or a non-query operation over GET. */
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    /** A POST whose body is not {@code application/json}. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    /** The body (or query string) is larger than {@code maxRequestBytes}. */
    public static final String REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE";
    public static final String GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
    /** The document is not a valid executable document (unknown or cyclic fragments, ...). */
    public static final String GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";
    public static final String MAX_DEPTH_EXCEEDED = "MAX_DEPTH_EXCEEDED";
    public static final String MAX_COMPLEXITY_EXCEEDED = "MAX_COMPLEXITY_EXCEEDED";
    public static final String MAX_ALIASES_EXCEEDED = "MAX_ALIASES_EXCEEDED";
    public static final String INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED";
    /** Apollo APQ: the hash is unknown; the client retries with the full query. */
    public static final String PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
    /** Apollo APQ: hash-only requests are not served here; the client stops sending them. */
    public static final String PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED";
    /** Allow-list mode: the query is not one of the registered queries. */
    public static final String PERSISTED_QUERY_NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED";
    public static final String PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH";
    /** The gateway failed while checking the request (a bug, never the client's fault). */
    public static final String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";

    /** The messages Apollo clients compare against; they must stay exactly so. */
    public static final String PERSISTED_QUERY_NOT_FOUND_MESSAGE = "PersistedQueryNotFound";
    public static final String PERSISTED_QUERY_NOT_SUPPORTED_MESSAGE = "PersistedQueryNotSupported";
    public static final String PERSISTED_QUERY_HASH_MISMATCH_MESSAGE = "provided sha does not match query";

    /**
     * Errors about the GraphQL request itself rather than its HTTP framing. A legacy
     * {@code application/json} client gets them with status 200, as the GraphQL over HTTP spec asks.
     */
    private static final Set<String> GRAPHQL_REQUEST_ERRORS = Set.of(GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
            MAX_DEPTH_EXCEEDED, MAX_COMPLEXITY_EXCEEDED, MAX_ALIASES_EXCEEDED, INTROSPECTION_DISABLED,
            PERSISTED_QUERY_NOT_ALLOWED);

    private GraphQLErrorCodes() {}

    /** Whether {@code code} is a GraphQL request error (see {@link GraphQLReplies} for the status it gets). */
    public static boolean isGraphQLRequestError(String code) {
        return GRAPHQL_REQUEST_ERRORS.contains(code);
    }

    /**
     * Whether {@code code} is a step of the APQ handshake that Apollo clients must receive with
     * status 200: their persisted-query link turns APQ off for good on a 400 or 500.
     */
    public static boolean isPersistedQueryHandshake(String code) {
        return PERSISTED_QUERY_NOT_FOUND.equals(code) || PERSISTED_QUERY_NOT_SUPPORTED.equals(code);
    }

    /**
     * The short, fixed word a filter reports to {@link dev.archway.plugins.spi.FilterMetrics} for a
     * refusal with {@code code}.
     */
    public static String metricReason(String code) {
        if (code == null) {
            return "bad_request";
        }
        return switch (code) {
            case MAX_DEPTH_EXCEEDED -> "depth";
            case MAX_COMPLEXITY_EXCEEDED -> "complexity";
            case MAX_ALIASES_EXCEEDED -> "aliases";
            case INTROSPECTION_DISABLED -> "introspection";
            case PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_NOT_SUPPORTED, PERSISTED_QUERY_NOT_ALLOWED,
                    PERSISTED_QUERY_HASH_MISMATCH -> "persisted_query";
            case GRAPHQL_PARSE_FAILED -> "parse";
            case GRAPHQL_VALIDATION_FAILED -> "validation";
            case REQUEST_TOO_LARGE -> "too_large";
            case METHOD_NOT_ALLOWED -> "method";
            case UNSUPPORTED_MEDIA_TYPE -> "media_type";
            case INTERNAL_SERVER_ERROR -> "internal";
            default -> "bad_request";
        };
    }
}
