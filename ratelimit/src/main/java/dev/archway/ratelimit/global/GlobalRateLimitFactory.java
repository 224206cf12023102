package dev.archway.ratelimit.global;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.GlobalRateLimitConfig;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Global rate limits ({@code archway.dev/global-ratelimit}, stage RATE_LIMIT, after local limits of
 * the same route). Every filter built on one Vert.x instance shares one {@link RlsClient}, so the
 * connections to the service outlive reloads and are multiplexed by all routes.
 */
public final class GlobalRateLimitFactory implements FilterFactory<GlobalRateLimitConfig> {
    private final SharedResources<Vertx, RlsClient> clients = new SharedResources<>(RlsClient::close);

    @Override
    public String kind() {
        return FilterKinds.GLOBAL_RATE_LIMIT;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.RATE_LIMIT;
    }

    @Override
    public Class<GlobalRateLimitConfig> configType() {
        return GlobalRateLimitConfig.class;
    }

    @Override
    public List<String> validate(GlobalRateLimitConfig config) {
        return GlobalRateLimitConfigCheck.problems(config);
    }

    @Override
    public HttpFilter create(GlobalRateLimitConfig config, FilterBuildContext context) {
        return new GlobalRateLimitFilter(config, clients.acquire(context.vertx(), RlsClient::new), context.metrics());
    }
}
