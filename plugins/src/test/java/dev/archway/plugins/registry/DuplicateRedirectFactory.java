package dev.archway.plugins.registry;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.RequestRedirectConfig;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;

/** A plugin that wrongly claims a built-in kind; only loaded by the duplicate-detection test. */
public final class DuplicateRedirectFactory implements FilterFactory<RequestRedirectConfig> {

    @Override
    public String kind() {
        return FilterKinds.REQUEST_REDIRECT;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.ROUTE;
    }

    @Override
    public Class<RequestRedirectConfig> configType() {
        return RequestRedirectConfig.class;
    }

    @Override
    public HttpFilter create(RequestRedirectConfig config, FilterBuildContext context) {
        return new HttpFilter() {};
    }
}
