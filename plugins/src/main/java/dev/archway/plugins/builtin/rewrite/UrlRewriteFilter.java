package dev.archway.plugins.builtin.rewrite;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.UrlRewriteConfig;
import dev.archway.plugins.builtin.internal.PathRewriter;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.RequestHead;

/** Rewrites the forwarded authority and path; the query string is left as it is. */
final class UrlRewriteFilter implements HttpFilter {
    private final UrlRewriteConfig config;

    UrlRewriteFilter(UrlRewriteConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        RequestHead request = ctx.request();
        if (config.hostname() != null) {
            request.authority(config.hostname());
        }
        if (config.path() != null) {
            request.path(PathRewriter.rewrite(config.path(), request.path()));
        }
        return FilterStep.next();
    }
}
