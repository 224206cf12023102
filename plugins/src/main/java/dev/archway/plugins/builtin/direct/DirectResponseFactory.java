package dev.archway.plugins.builtin.direct;

import dev.archway.gatewayapi.ir.filters.DirectResponseConfig;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.HeaderValue;
import dev.archway.plugins.builtin.internal.HttpSyntax;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import java.util.ArrayList;
import java.util.List;

/** Archway DirectResponse: answers with a fixed status, headers and body. */
public final class DirectResponseFactory implements FilterFactory<DirectResponseConfig> {

    @Override
    public String kind() {
        return FilterKinds.DIRECT_RESPONSE;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.ROUTE;
    }

    @Override
    public Class<DirectResponseConfig> configType() {
        return DirectResponseConfig.class;
    }

    @Override
    public List<String> validate(DirectResponseConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.status() < 200 || config.status() > 599) {
            problems.add("status: " + config.status() + " (expected: 200..599)");
        }
        for (int i = 0; i < config.headers().size(); i++) {
            HeaderValue h = config.headers().get(i);
            String field = "headers[" + i + "]";
            if (h == null) {
                problems.add(field + ": missing (expected: a header name and value)");
                continue;
            }
            if (!HttpSyntax.isToken(h.name())) {
                problems.add(field + ".name: " + (h.name() == null ? "missing" : "'" + h.name() + "' is not a valid header name")
                        + " (expected: an HTTP token such as content-type)");
            } else if (h.name().equalsIgnoreCase("content-length") || h.name().equalsIgnoreCase("transfer-encoding")) {
                // The gateway frames the body itself; a configured length could contradict it.
                problems.add(field + ".name: '" + h.name() + "' is derived from the body (expected: no framing headers)");
            }
            if (h.value() == null || HttpSyntax.hasLineBreakOrNul(h.value())) {
                problems.add(field + ".value: " + (h.value() == null ? "missing" : "contains CR, LF or NUL")
                        + " (expected: a single-line header value)");
            }
        }
        return problems;
    }

    @Override
    public HttpFilter create(DirectResponseConfig config, FilterBuildContext context) {
        return new DirectResponseFilter(config);
    }
}
