package dev.archway.plugins.builtin.redirect;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.RequestRedirectConfig;
import dev.archway.plugins.builtin.internal.HttpSyntax;
import dev.archway.plugins.builtin.internal.PathRewriter;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Gateway API RequestRedirect: answers with a 3xx and a Location built from request and config. */
public final class RequestRedirectFactory implements FilterFactory<RequestRedirectConfig> {
    private static final Set<Integer> STATUS_CODES = Set.of(301, 302, 303, 307, 308);

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
    public List<String> validate(RequestRedirectConfig config) {
        List<String> problems = new ArrayList<>();
        if (!STATUS_CODES.contains(config.statusCode())) {
            problems.add("statusCode: " + config.statusCode() + " (expected: one of 301, 302, 303, 307, 308)");
        }
        String scheme = config.scheme();
        if (scheme != null && !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            problems.add("scheme: '" + scheme + "' (expected: http or https)");
        }
        if (config.hostname() != null && !HttpSyntax.isHostname(config.hostname())) {
            problems.add("hostname: '" + config.hostname() + "' (expected: a DNS name without port, e.g. example.com)");
        }
        Integer port = config.port();
        if (port != null && (port < 1 || port > 65535)) {
            problems.add("port: " + port + " (expected: 1..65535)");
        }
        problems.addAll(PathRewriter.validate("path", config.path()));
        return problems;
    }

    @Override
    public HttpFilter create(RequestRedirectConfig config, FilterBuildContext context) {
        return new RequestRedirectFilter(config);
    }
}
