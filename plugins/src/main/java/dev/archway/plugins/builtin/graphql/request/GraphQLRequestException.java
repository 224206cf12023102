package dev.archway.plugins.builtin.graphql.request;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP request that is not a well-formed GraphQL request. Thrown while reading untrusted input
 * and always answered with {@link GraphQLReplies#error(String, GraphQLRequestException)}; no stack
 * trace is captured, as this is an ordinary outcome, not a fault.
 */
public final class GraphQLRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param status the HTTP status (400, 405, 413 or 415)
     * @param code one of {@link GraphQLErrorCodes}
     * @param message what is wrong and what was expected, for the client
     */
    public GraphQLRequestException(int status, String code, String message) {
        super(requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.code = requireNonNull(code, "code");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
