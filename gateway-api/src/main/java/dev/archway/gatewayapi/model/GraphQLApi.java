package dev.archway.gatewayapi.model;

import java.util.List;

/**
 * A GraphQL API served by the gateway itself: a schema in SDL whose fields are resolved by calls
 * to REST backends. Referenced from an HTTPRoute rule's {@code backendRefs}.
 *
 * <p>The spec is read strictly, like TrafficPolicy: a misspelt {@code resolvers} would otherwise
 * serve a schema whose fields all answer null.
 */
public class GraphQLApi extends ArchwayResource<GraphQLApi.Spec> {
    public static final String KIND = "GraphQLApi";

    @Override
    public String getKind() {
        return KIND;
    }

    /**
     * {@code spec}.
     *
     * @param schema the schema in SDL; needs a {@code Query} type
     * @param resolvers how fields are fetched; a field without one reads the same-named property of
     *     its parent's JSON
     * @param limits what a query may cost; absent: the defaults of {@link GraphQLLimits}
     * @param persistedQueries absent: Automatic Persisted Queries in {@code Optional} mode
     */
    public record Spec(String schema, List<Resolver> resolvers, GraphQLLimits limits,
            PersistedQueries persistedQueries) {}

    /** One field, {@code Type.field}, resolved by a REST call. */
    public record Resolver(String field, Rest rest) {}

    /**
     * A REST call. Templates ({@code {{ args.id }}}, {@code {{ parent.id }}}, {@code {{ header('x') }}},
     * {@code {{ claim('sub') }}}) may appear in {@code path}, query and header values and {@code body}.
     *
     * @param method absent: GET
     * @param resultPath a dotted path into the JSON answer, e.g. {@code data.user}; absent: all of it
     * @param timeout a Gateway API duration; absent: 10s
     * @param batch when set, one call serves all the items of a list (no N+1)
     */
    public record Rest(BackendRef backendRef, String method, String path, List<NameValue> query,
            List<NameValue> headers, String body, String resultPath, String timeout, Batch batch) {}

    /** A Service or {@code gateway.archway.dev/Backend}, like a route's backendRef. */
    public record BackendRef(String group, String kind, String name, String namespace, Integer port) {}

    /** A query parameter or header; the value is a template. */
    public record NameValue(String name, String value) {}

    /**
     * One call for all the items of a list: each item's {@code key} (a template over args and parent)
     * is collected, the path and query then see {@code {{ keys }}} (the keys joined by
     * {@code separator}), the answer must be a JSON array, and each item gets the element whose
     * {@code matchField} equals its key.
     *
     * @param maxSize absent: 100 keys per call
     * @param separator absent: {@code ,}
     */
    public record Batch(String key, String matchField, Integer maxSize, String separator) {}
}
