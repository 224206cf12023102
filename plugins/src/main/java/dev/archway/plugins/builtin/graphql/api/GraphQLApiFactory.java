package dev.archway.plugins.builtin.graphql.api;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.plugins.builtin.graphql.guard.QueryGuard;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.List;

/**
 * A GraphQLApi named in a rule's backendRefs. Runs last among the route filters (the translator
 * puts it after the rule's own), so header modifiers and policies apply before it answers.
 */
public final class GraphQLApiFactory implements FilterFactory<GraphQLApiConfig> {
    /* One guard (and store of learnt persisted queries) per API, kept across routes and reloads. */
    private final SharedResources<GraphQLProtectionConfig, QueryGuard> guards = new SharedResources<>(guard -> {});

    @Override
    public String kind() {
        return FilterKinds.GRAPHQL_API;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.ROUTE;
    }

    @Override
    public Class<GraphQLApiConfig> configType() {
        return GraphQLApiConfig.class;
    }

    @Override
    public List<String> validate(GraphQLApiConfig config) {
        // The translator checked schema, resolvers and templates; the limits are checked as for the policy.
        return QueryGuard.validate(config.protection()).stream().map(p -> "limits: " + p).toList();
    }

    @Override
    public HttpFilter create(GraphQLApiConfig config, FilterBuildContext context) {
        GraphQLExecutor executor = GraphQLExecutor.create(config, context.upstreams());
        SharedResources.Lease<QueryGuard> guard = guards.acquire(config.protection(), QueryGuard::new);
        return new GraphQLApiFilter(config.protection(), guard, executor, context.metrics());
    }
}
