package dev.archway.extauth.filter;

import dev.archway.gatewayapi.ir.filters.ExtAuthConfig;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * External authorization ({@code archway.dev/ext-auth}, stage AUTHZ: after JWT, so a token is
 * already verified, and before rate limits, so refused requests are not counted).
 */
public final class ExtAuthFilterFactory implements FilterFactory<ExtAuthConfig> {
    private final SharedResources<Vertx, AuthClients> clients = new SharedResources<>(AuthClients::close);

    @Override
    public String kind() {
        return FilterKinds.EXT_AUTH;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.AUTHZ;
    }

    @Override
    public Class<ExtAuthConfig> configType() {
        return ExtAuthConfig.class;
    }

    /** Guards the record; the translator already names the user's mistakes field by field. */
    @Override
    public List<String> validate(ExtAuthConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.timeout() == null || config.timeout().isZero() || config.timeout().isNegative()) {
            problems.add("extensionRef: the service's timeout is " + config.timeout() + " (expected: > 0)");
        }
        if (config.statusOnError() < 200 || config.statusOnError() > 599) {
            problems.add("extensionRef: statusOnError " + config.statusOnError() + " (expected: 200 to 599)");
        }
        if (config.body() != null && config.body().maxBytes() < 1) {
            problems.add("withRequestBody.maxBytes: " + config.body().maxBytes() + " (expected: >= 1)");
        }
        return problems;
    }

    @Override
    public HttpFilter create(ExtAuthConfig config, FilterBuildContext context) {
        return new ExtAuthFilter(config, clients.acquire(context.vertx(), AuthClients::new), context.metrics());
    }
}
