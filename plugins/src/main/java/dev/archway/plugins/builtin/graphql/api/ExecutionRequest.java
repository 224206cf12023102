package dev.archway.plugins.builtin.graphql.api;

import static java.util.Objects.requireNonNull;

import graphql.language.Document;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * One GraphQL request, already parsed and checked against the API's limits.
 *
 * @param document the parsed query; executed as it is (it is not parsed again)
 * @param query the query text; the key under which the validated document is cached, may be null
 *     (then the document is validated every time)
 * @param operationName the operation to run, or null when the document has one
 * @param variables the variables, or null for none
 * @param requestHeaders the GraphQL request's headers, read by {@code header('name')}
 * @param claims the verified JWT's claims read by {@code claim('a.b')}, or null without a token
 * @param eventLoop the request's event loop: the query runs there and the result completes there
 */
public record ExecutionRequest(Document document, String query, String operationName,
        Map<String, Object> variables, MultiMap requestHeaders, Map<String, Object> claims,
        Context eventLoop) {

    public ExecutionRequest {
        requireNonNull(document, "document");
        requireNonNull(requestHeaders, "requestHeaders");
        requireNonNull(eventLoop, "eventLoop");
        // Variables may hold JSON nulls, so they are not copied into an immutable map.
        variables = variables == null ? Map.of() : variables;
    }
}
