package dev.archway.plugins.builtin.graphql.protect;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.plugins.builtin.graphql.guard.QueryGuard;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.List;

/**
 * {@code TrafficPolicy.graphql}: refuses GraphQL requests that exceed the limits or break the
 * persisted-query rules before they reach the GraphQL upstream. Runs with the user filters, after
 * authentication and rate limits, so that anonymous or throttled traffic costs no parsing.
 */
public final class GraphQLProtectionFactory implements FilterFactory<GraphQLProtectionConfig> {
    /*
     * One guard per distinct config: a policy on many routes, and the same policy across reloads,
     * keep one store of learnt persisted queries, so clients need not register them again.
     */
    private final SharedResources<GraphQLProtectionConfig, QueryGuard> guards = new SharedResources<>(guard -> {});

    @Override
    public String kind() {
        return FilterKinds.GRAPHQL_PROTECTION;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.USER;
    }

    @Override
    public Class<GraphQLProtectionConfig> configType() {
        return GraphQLProtectionConfig.class;
    }

    @Override
    public List<String> validate(GraphQLProtectionConfig config) {
        return QueryGuard.validate(config);
    }

    @Override
    public HttpFilter create(GraphQLProtectionConfig config, FilterBuildContext context) {
        SharedResources.Lease<QueryGuard> guard = guards.acquire(config, QueryGuard::new);
        return new GraphQLProtectionFilter(config, guard, context.metrics());
    }
}
