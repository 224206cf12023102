package dev.archway.plugins.builtin.graphql.api;

import dev.archway.gatewayapi.graphql.Template.Ref;
import dev.archway.gatewayapi.graphql.Template.Source;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.function.Function;
import org.dataloader.DataLoader;

/**
 * The fetcher of a configured field: renders its call from the field's arguments, parent, headers
 * and claims, and queues it on the resolver's DataLoader of this request. graphql-java dispatches
 * the DataLoaders once per level, when every field of that level has been fetched, so the N
 * items of a list queue their calls before any is sent.
 */
final class RestDataFetcher implements DataFetcher<Object> {
    private final RestResolver resolver;

    RestDataFetcher(RestResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        RequestScope scope = env.getGraphQlContext().get(RequestScope.class);
        Function<Ref, Object> values = scope.values(env);
        if (resolver.batch() == null) {
            RestResolver.Rendering rendering = resolver.render(values);
            if (rendering.failure() != null) {
                return result(env, rendering.failure());
            }
            DataLoader<RestCall, Outcome> loader = env.getDataLoader(resolver.coordinate());
            return loader.load(rendering.call()).thenApply(outcome -> result(env, outcome));
        }
        String key = resolver.batchKey(values);
        if (key == null) {
            // A null foreign key (an order without customerId) means there is nothing to fetch: null, no error.
            return DataFetcherResult.newResult().data(null).build();
        }
        // Rendered alone first, so that a missing path value or a bad header is this item's error
        // and never fails the other items of its batch.
        Encoding.Keys alone = new Encoding.Keys(List.of(key), "");
        RestResolver.Rendering check = resolver.render(r -> r.source() == Source.KEYS ? alone : values.apply(r));
        if (check.failure() != null) {
            return result(env, check.failure());
        }
        DataLoader<BatchKey, Outcome> loader = env.getDataLoader(resolver.coordinate());
        return loader.load(new BatchKey(resolver.batchContext(values), key)).thenApply(outcome -> result(env, outcome));
    }

    /** The field's value, or null with the failure as an error carrying the field's path and location. */
    static DataFetcherResult<Object> result(DataFetchingEnvironment env, Outcome outcome) {
        if (outcome instanceof Outcome.Failure failure) {
            return DataFetcherResult.newResult()
                    .error(GraphqlErrorBuilder.newError(env)
                            .message(failure.message())
                            .extensions(failure.extensions())
                            .build())
                    .build();
        }
        return DataFetcherResult.newResult().data(((Outcome.Value) outcome).json()).build();
    }
}
