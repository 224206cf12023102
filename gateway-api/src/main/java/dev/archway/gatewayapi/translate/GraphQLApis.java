package dev.archway.gatewayapi.translate;

import static dev.archway.gatewayapi.status.Reasons.ACCEPTED;
import static dev.archway.gatewayapi.status.Reasons.BACKEND_NOT_FOUND;
import static dev.archway.gatewayapi.status.Reasons.INVALID;
import static dev.archway.gatewayapi.status.Reasons.INVALID_BACKEND;
import static dev.archway.gatewayapi.status.Reasons.REASON_ACCEPTED;
import static dev.archway.gatewayapi.status.Reasons.REASON_RESOLVED_REFS;
import static dev.archway.gatewayapi.status.Reasons.REF_NOT_PERMITTED;
import static dev.archway.gatewayapi.status.Reasons.RESOLVED_REFS;

import dev.archway.gatewayapi.graphql.SchemaCheck;
import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.model.GraphQLApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GraphQLApis: each is compiled once (schema, resolvers, limits) and becomes the last filter of
 * every rule that names it in {@code backendRefs}. Its status says what is wrong, with line and
 * column in the SDL; a rule naming a broken or missing API answers 500 rather than fall through.
 */
final class GraphQLApis {
    /** Why a rule's GraphQLApi ref cannot serve: reason and message, or the filter. */
    record Resolution(FilterSpec filter, String reason, String message) {}

    /** One compiled API. */
    private static final class Compiled {
        final GraphQLApi api;
        final List<String> invalid = new ArrayList<>();
        final List<String[]> refs = new ArrayList<>();
        GraphQLApiConfig config;

        Compiled(GraphQLApi api) {
            this.api = api;
        }
    }

    private final ResourceIndex index;
    private final ReferenceGrants grants;
    private final GraphQLResolvers resolvers;
    private final FilterCatalog catalog;
    private final Map<String, Compiled> compiled = new LinkedHashMap<>();

    GraphQLApis(ResourceIndex index, ReferenceGrants grants, BackendResolver backends, FilterCatalog catalog) {
        this.index = index;
        this.grants = grants;
        this.resolvers = new GraphQLResolvers(backends);
        this.catalog = catalog;
    }

    /** Whether a backendRef names a GraphQLApi. */
    static boolean isGraphQLApi(String group, String kind) {
        return dev.archway.gatewayapi.model.ArchwayResource.GROUP.equals(group) && GraphQLApi.KIND.equals(kind);
    }

    /**
     * The filter for a rule of an HTTPRoute in {@code routeNs} that names {@code ns/name}.
     *
     * @param at the ref's field path, for messages
     * @param filterName the filter's deterministic name
     */
    Resolution resolve(String at, String routeNs, String namespace, String name, String filterName) {
        String ns = namespace == null ? routeNs : namespace;
        if (!grants.permits(GatewayPass.GATEWAY_GROUP, "HTTPRoute", routeNs,
                dev.archway.gatewayapi.model.ArchwayResource.GROUP, GraphQLApi.KIND, ns, name)) {
            return new Resolution(null, REF_NOT_PERMITTED, at + ": GraphQLApi " + ns + "/" + name
                    + " is in another namespace and no ReferenceGrant allows it");
        }
        GraphQLApi api = index.graphQLApi(ns, name);
        if (api == null) {
            return new Resolution(null, BACKEND_NOT_FOUND, at + ": GraphQLApi " + ns + "/" + name + " not found");
        }
        Compiled c = compile(api);
        if (c.config == null) {
            return new Resolution(null, INVALID_BACKEND, at + ": GraphQLApi " + ns + "/" + name
                    + " cannot serve (see its status): " + summary(c));
        }
        return new Resolution(new FilterSpec(FilterKinds.GRAPHQL_API, filterName, c.config), null, null);
    }

    /** Compiles every API (also those no route names, so that their problems show) and writes their status. */
    void status(List<GraphQLApi> all, StatusBuilder status, Instant now) {
        for (GraphQLApi api : all) {
            Compiled c = compile(api);
            Conditions conditions = new Conditions(ResourceIndex.generationOf(api), now);
            if (!c.invalid.isEmpty()) {
                conditions.set(ACCEPTED, false, INVALID, String.join("; ", c.invalid));
            } else {
                conditions.set(ACCEPTED, true, REASON_ACCEPTED, "");
            }
            if (!c.refs.isEmpty()) {
                conditions.set(RESOLVED_REFS, false, c.refs.get(0)[0],
                        String.join("; ", c.refs.stream().map(r -> r[1]).toList()));
            } else {
                conditions.set(RESOLVED_REFS, true, REASON_RESOLVED_REFS, "");
            }
            status.archwayResource(api, GraphQLApi.KIND, conditions);
        }
    }

    private Compiled compile(GraphQLApi api) {
        String key = ResourceIndex.key(api);
        Compiled done = compiled.get(key);
        if (done != null) {
            return done;
        }
        Compiled c = new Compiled(api);
        compiled.put(key, c);
        GraphQLApi.Spec spec = api.getSpec();
        if (spec == null) {
            c.invalid.add("spec: missing");
            return c;
        }
        SchemaCheck schema = SchemaCheck.of(spec.schema());
        schema.problems().forEach(p -> c.invalid.add("spec.schema:" + p));
        if (schema.schema() == null) {
            return c;
        }
        String ns = ResourceIndex.namespaceOf(api);
        List<GraphQLApiConfig.Resolver> compiledResolvers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<GraphQLApi.Resolver> list = spec.resolvers() == null ? List.of() : spec.resolvers();
        for (int i = 0; i < list.size(); i++) {
            String at = "spec.resolvers[" + i + "]";
            GraphQLApi.Resolver r = list.get(i);
            if (r != null && r.field() != null && !seen.add(r.field())) {
                c.invalid.add(at + ".field: " + r.field() + " has another resolver before (expected: one per field)");
                continue;
            }
            GraphQLApiConfig.Resolver compiledResolver = resolvers.compile(r, at, ns, schema, c.invalid, c.refs::add);
            if (compiledResolver != null) {
                compiledResolvers.add(compiledResolver);
            }
        }
        GraphQLProtectionConfig protection = GraphQLProtections.compile(spec.limits(), spec.persistedQueries(), "spec",
                schema, c.invalid);
        if (!c.invalid.isEmpty() || !c.refs.isEmpty() || protection == null) {
            return c;
        }
        GraphQLApiConfig config = new GraphQLApiConfig(ns + "/" + api.getMetadata().getName(), spec.schema(),
                compiledResolvers, protection);
        List<String> errors = catalog.validate(FilterKinds.GRAPHQL_API, config);
        if (!errors.isEmpty()) {
            errors.forEach(e -> c.invalid.add("spec: " + e));
            return c;
        }
        c.config = config;
        return c;
    }

    private static String summary(Compiled c) {
        List<String> all = new ArrayList<>(c.invalid);
        c.refs.forEach(r -> all.add(r[1]));
        return all.isEmpty() ? "" : all.get(0) + (all.size() > 1 ? " (and " + (all.size() - 1) + " more)" : "");
    }
}
