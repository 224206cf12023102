package dev.archway.plugins.builtin.headers;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.HeaderModifierConfig;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.List;

/** Gateway API RequestHeaderModifier: sets, adds and removes request headers before they go upstream. */
public final class RequestHeaderModifierFactory implements FilterFactory<HeaderModifierConfig> {

    @Override
    public String kind() {
        return FilterKinds.REQUEST_HEADER_MODIFIER;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.ROUTE;
    }

    @Override
    public Class<HeaderModifierConfig> configType() {
        return HeaderModifierConfig.class;
    }

    @Override
    public List<String> validate(HeaderModifierConfig config) {
        return HeaderEdits.validate(config);
    }

    @Override
    public HttpFilter create(HeaderModifierConfig config, FilterBuildContext context) {
        return new RequestHeaderModifierFilter(new HeaderEdits(config));
    }
}
