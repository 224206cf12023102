package dev.archway.plugins.builtin.rewrite;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.UrlRewriteConfig;
import dev.archway.plugins.builtin.internal.HttpSyntax;
import dev.archway.plugins.builtin.internal.PathRewriter;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.ArrayList;
import java.util.List;

/** Gateway API URLRewrite: rewrites the hostname (authority) and path sent upstream. */
public final class UrlRewriteFactory implements FilterFactory<UrlRewriteConfig> {

    @Override
    public String kind() {
        return FilterKinds.URL_REWRITE;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.ROUTE;
    }

    @Override
    public Class<UrlRewriteConfig> configType() {
        return UrlRewriteConfig.class;
    }

    @Override
    public List<String> validate(UrlRewriteConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.hostname() != null && !HttpSyntax.isHostname(config.hostname())) {
            problems.add("hostname: '" + config.hostname() + "' (expected: a DNS name without port, e.g. example.com)");
        }
        problems.addAll(PathRewriter.validate("path", config.path()));
        return problems;
    }

    @Override
    public HttpFilter create(UrlRewriteConfig config, FilterBuildContext context) {
        return new UrlRewriteFilter(config);
    }
}
