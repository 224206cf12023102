package dev.archway.plugins.builtin.cors;

import dev.archway.gatewayapi.ir.filters.CorsConfig;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.List;

/**
 * CORS, for the Gateway API HTTPRoute {@code CORS} filter and {@code TrafficPolicy.cors} alike.
 * Runs in the edge stage, so that preflights, which browsers send without credentials, are
 * answered before authentication asks for a token.
 */
public final class CorsFilterFactory implements FilterFactory<CorsConfig> {

    @Override
    public String kind() {
        return FilterKinds.CORS;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.EDGE;
    }

    @Override
    public Class<CorsConfig> configType() {
        return CorsConfig.class;
    }

    @Override
    public List<String> validate(CorsConfig config) {
        return CorsConfigCheck.problems(config);
    }

    @Override
    public HttpFilter create(CorsConfig config, FilterBuildContext context) {
        return new CorsFilter(config, context.metrics());
    }
}
