package dev.archway.plugins.builtin.mirror;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.RequestMirrorConfig;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.ArrayList;
import java.util.List;

/** Gateway API RequestMirror: sends a copy of a share of requests to another cluster. */
public final class RequestMirrorFactory implements FilterFactory<RequestMirrorConfig> {

    @Override
    public String kind() {
        return FilterKinds.REQUEST_MIRROR;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.ROUTE;
    }

    @Override
    public Class<RequestMirrorConfig> configType() {
        return RequestMirrorConfig.class;
    }

    @Override
    public List<String> validate(RequestMirrorConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.cluster() == null || config.cluster().isBlank()) {
            problems.add("cluster: missing (expected: the name of a cluster of the snapshot)");
        }
        if (config.denominator() < 1) {
            problems.add("denominator: " + config.denominator() + " (expected: >= 1)");
        } else if (config.numerator() < 0 || config.numerator() > config.denominator()) {
            problems.add("numerator: " + config.numerator() + " (expected: 0.." + config.denominator()
                    + ", at most the denominator)");
        }
        return problems;
    }

    @Override
    public HttpFilter create(RequestMirrorConfig config, FilterBuildContext context) {
        return new RequestMirrorFilter(config, context.upstreams());
    }
}
