package dev.archway.plugins.builtin.graphql.guard;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.builtin.graphql.request.GraphQLReplies;
import dev.archway.plugins.spi.LocalReply;
import graphql.language.Document;

/** What {@link QueryGuard#check} decided about one request. */
public sealed interface GuardResult {

    /**
     * The request may run.
     *
     * @param document the parsed document, to execute without parsing again
     * @param query the document's text (from the request, or the persisted query its hash names)
     * @param expandedFromHash whether the request sent only a hash and {@code query} was looked up
     */
    record Accepted(Document document, String query, boolean expandedFromHash) implements GuardResult {
        public Accepted {
            requireNonNull(document, "document");
            requireNonNull(query, "query");
        }
    }

    /**
     * The request is refused.
     *
     * @param status the HTTP status for a client that accepts
     *     {@code application/graphql-response+json}; {@link GraphQLReplies} turns it into 200 where
     *     the spec or Apollo clients need that
     * @param code one of {@link dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes}
     * @param message for the client: what was measured and the limit
     */
    record Rejected(int status, String code, String message) implements GuardResult {
        public Rejected {
            requireNonNull(code, "code");
            requireNonNull(message, "message");
        }

        /** The answer for a client that sent {@code accept} (null: no Accept header). */
        public LocalReply reply(String accept) {
            return GraphQLReplies.error(accept, status, code, message);
        }
    }
}
