package dev.archway.plugins.builtin.graphql.api;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception in a fetcher is a bug, not something the client did: it is logged with its stack
 * trace, and the client sees only which field failed (graphql-java's default would show the
 * exception's message).
 */
final class InternalErrors implements DataFetcherExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(InternalErrors.class);
    private final String api;

    InternalErrors(String api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters params) {
        log.warn("GraphQLApi {}: resolving {} failed", api, params.getPath(), params.getException());
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError()
                .message("internal error while resolving " + params.getPath())
                .path(params.getPath())
                .extensions(Map.of("code", "INTERNAL_ERROR"));
        if (params.getSourceLocation() != null) {
            error.location(params.getSourceLocation());
        }
        return CompletableFuture.completedFuture(
                DataFetcherExceptionHandlerResult.newResult().error(error.build()).build());
    }
}
