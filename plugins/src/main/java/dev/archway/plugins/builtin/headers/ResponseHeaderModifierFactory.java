package dev.archway.plugins.builtin.headers;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.HeaderModifierConfig;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.List;

/** Gateway API ResponseHeaderModifier: sets, adds and removes response headers before they reach the client. */
public final class ResponseHeaderModifierFactory implements FilterFactory<HeaderModifierConfig> {

    @Override
    public String kind() {
        return FilterKinds.RESPONSE_HEADER_MODIFIER;
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
        return new ResponseHeaderModifierFilter(new HeaderEdits(config));
    }
}
