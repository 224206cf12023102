package dev.archway.plugins.builtin.graphql.api;

import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;
import graphql.schema.idl.errors.SchemaProblem;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.UnionTypeDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the executable schema: the SDL, a {@link RestDataFetcher} on each configured field, and
 * {@link TypenameResolver} on each interface and union. Every other field keeps graphql-java's
 * default fetcher, which reads the same-named key when its parent is a map (a JSON object).
 */
final class ExecutableSchema {

    private ExecutableSchema() {}

    /**
     * @param api the GraphQLApi, for messages
     * @param where each resolver's place in the config, e.g. {@code resolvers[1]}, in the order of
     *     {@code resolvers}
     * @throws IllegalArgumentException when the SDL does not build or a resolver names no field of
     *     an object type
     */
    static GraphQLSchema build(String api, String sdl, List<RestResolver> resolvers, List<String> where) {
        TypeDefinitionRegistry registry;
        try {
            registry = new SchemaParser().parse(sdl == null ? "" : sdl);
        } catch (SchemaProblem e) {
            throw new IllegalArgumentException(api + ": schema: " + describe(e));
        }
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        registry.types().values().forEach(type -> {
            if (type instanceof InterfaceTypeDefinition || type instanceof UnionTypeDefinition) {
                wiring.type(TypeRuntimeWiring.newTypeWiring(type.getName()).typeResolver(TypenameResolver.INSTANCE));
            }
        });
        // One wiring per type: resolvers of one type are registered together. (graphql-java's
        // wiring API takes raw DataFetcher maps.)
        @SuppressWarnings("rawtypes")
        Map<String, Map<String, DataFetcher>> fetchers = new LinkedHashMap<>();
        for (RestResolver resolver : resolvers) {
            fetchers.computeIfAbsent(resolver.config().type(), t -> new LinkedHashMap<>())
                    .put(resolver.config().field(), new RestDataFetcher(resolver));
        }
        fetchers.forEach((type, byField) -> wiring.type(TypeRuntimeWiring.newTypeWiring(type).dataFetchers(byField)));
        GraphQLSchema schema;
        try {
            schema = new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
        } catch (SchemaProblem e) {
            throw new IllegalArgumentException(api + ": schema: " + describe(e));
        }
        for (int i = 0; i < resolvers.size(); i++) {
            RestResolver resolver = resolvers.get(i);
            GraphQLObjectType type = schema.getObjectType(resolver.config().type());
            if (type == null || type.getFieldDefinition(resolver.config().field()) == null) {
                throw new IllegalArgumentException(api + ": " + where.get(i) + ".field: " + resolver.coordinate()
                        + " is not a field of an object type of the schema (expected Type.field)");
            }
        }
        return schema;
    }

    private static String describe(SchemaProblem problem) {
        return problem.getErrors().stream().map(e -> {
            var at = e.getLocations();
            return at == null || at.isEmpty() || at.get(0) == null
                    ? e.getMessage() : at.get(0).getLine() + ":" + at.get(0).getColumn() + ": " + e.getMessage();
        }).collect(Collectors.joining("; "));
    }
}
