package dev.archway.plugins.builtin.graphql.api;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig;
import dev.archway.plugins.spi.UpstreamClient;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;

/**
 * Runs GraphQL requests against one GraphQLApi of a snapshot. Built once per snapshot and shared
 * by all event loops: it holds the executable schema, one {@link GraphQL} instance and the cache of
 * validated documents; everything per request (DataLoaders, headers, claims) lives in the request.
 *
 * <p>Each request runs on its event loop and never blocks it: fields resolved by REST calls return
 * futures that complete on that loop when the backend answers.
 */
public final class GraphQLExecutor {
    /** Distinct query texts whose validation outcome is kept. */
    static final int VALIDATED_DOCUMENTS = 1000;
    /** Their total length: about 20 MB of heap with the documents, per GraphQLApi. */
    static final long VALIDATED_DOCUMENT_CHARS = 1 << 20;

    private final GraphQL graphQL;
    private final List<RestResolver> resolvers;
    private final String mutationType;
    private final UpstreamClient upstreams;
    private final ValidatedDocuments documents;

    private GraphQLExecutor(GraphQL graphQL, List<RestResolver> resolvers, String mutationType,
            UpstreamClient upstreams, ValidatedDocuments documents) {
        this.graphQL = graphQL;
        this.resolvers = resolvers;
        this.mutationType = mutationType;
        this.upstreams = upstreams;
        this.documents = documents;
    }

    /**
     * Builds the executor of {@code config}.
     *
     * @param upstreams the gateway's side-call client of the snapshot
     * @throws IllegalArgumentException naming the API and what is wrong when the schema does not
     *     build or a template does not parse (the translator has checked both, so this means a bug)
     */
    public static GraphQLExecutor create(GraphQLApiConfig config, UpstreamClient upstreams) {
        requireNonNull(config, "config");
        requireNonNull(upstreams, "upstreams");
        List<RestResolver> resolvers = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < config.resolvers().size(); i++) {
            GraphQLApiConfig.Resolver resolver = config.resolvers().get(i);
            String at = "resolvers[" + i + "]";
            try {
                resolvers.add(RestResolver.compile(resolver, at));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(config.api() + ": " + e.getMessage(), e);
            }
            where.add(at);
        }
        GraphQLSchema schema = ExecutableSchema.build(config.api(), config.schema(), resolvers, where);
        ValidatedDocuments documents = new ValidatedDocuments(schema, VALIDATED_DOCUMENTS, VALIDATED_DOCUMENT_CHARS);
        GraphQL graphQL = GraphQL.newGraphQL(schema)
                .preparsedDocumentProvider(documents)
                .defaultDataFetcherExceptionHandler(new InternalErrors(config.api()))
                .build();
        String mutationType = schema.getMutationType() == null ? null : schema.getMutationType().getName();
        return new GraphQLExecutor(graphQL, List.copyOf(resolvers), mutationType, upstreams, documents);
    }

    /**
     * Executes one request on {@code request.eventLoop()}.
     *
     * @return the result as the GraphQL spec shapes it ({@code data}, {@code errors},
     *     {@code extensions}), completed on the request's event loop; backend failures are errors in
     *     it, never a failed future. The future fails only on a bug of the executor.
     */
    public Future<Map<String, Object>> execute(ExecutionRequest request) {
        requireNonNull(request, "request");
        Promise<Map<String, Object>> promise = Promise.promise();
        Context loop = request.eventLoop();
        if (Vertx.currentContext() == loop) {
            run(request, promise);
        } else {
            loop.runOnContext(v -> run(request, promise));
        }
        return promise.future();
    }

    private void run(ExecutionRequest request, Promise<Map<String, Object>> promise) {
        RequestScope scope = new RequestScope(request.requestHeaders(), request.claims(), request.eventLoop(),
                Thread.currentThread());
        if (isSubscription(request)) {
            // graphql-java would answer a stream, which a request-response API cannot carry.
            promise.complete(ExecutionResult.newExecutionResult().addError(GraphqlErrorBuilder.newError()
                    .message("subscriptions are not served by a GraphQLApi (expected a query or mutation)")
                    .extensions(Map.of("code", "OPERATION_NOT_SUPPORTED"))
                    .build()).build().toSpecification());
            return;
        }
        try {
            ExecutionInput input = ExecutionInput.newExecutionInput()
                    .query(request.query() == null ? "" : request.query())
                    .operationName(request.operationName())
                    .variables(request.variables())
                    .dataLoaderRegistry(loaders(scope))
                    .graphQLContext(Map.of(RequestScope.class, scope, Document.class, request.document()))
                    .build();
            graphQL.executeAsync(input).whenComplete((result, failure) -> scope.onLoop(() -> {
                if (failure != null) {
                    promise.fail(failure);
                } else {
                    promise.complete(result.toSpecification());
                }
            }));
        } catch (RuntimeException e) {
            promise.fail(e);
        }
    }

    /** Whether the operation that would run is a subscription; other problems are left to graphql-java. */
    private static boolean isSubscription(ExecutionRequest request) {
        List<OperationDefinition> operations = request.document().getDefinitionsOfType(OperationDefinition.class);
        for (OperationDefinition operation : operations) {
            boolean selected = request.operationName() == null
                    ? operations.size() == 1 : request.operationName().equals(operation.getName());
            if (selected) {
                return operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
            }
        }
        return false;
    }

    /**
     * One DataLoader per resolver, for one request: its cache deduplicates that request's calls.
     * Mutation fields have no cache: two identical mutations in one request are two changes.
     */
    private DataLoaderRegistry loaders(RequestScope scope) {
        BackendCalls backend = new BackendCalls(upstreams, scope);
        DataLoaderRegistry.Builder registry = DataLoaderRegistry.newRegistry();
        for (RestResolver resolver : resolvers) {
            DataLoaderOptions options = DataLoaderOptions.newOptions()
                    .setCachingEnabled(!resolver.config().type().equals(mutationType)).build();
            registry.register(resolver.coordinate(), resolver.batch() == null
                    ? DataLoaderFactory.newDataLoader(resolver.coordinate(), new CallLoader(resolver, backend), options)
                    : DataLoaderFactory.newDataLoader(resolver.coordinate(), new BatchCallLoader(resolver, backend),
                            options));
        }
        return registry.build();
    }

    /** How many query texts have their validation outcome kept; for tests. */
    int validatedDocuments() {
        return documents.size();
    }
}
