package dev.archway.plugins.builtin.headers;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;

/** Edits the request headers before they go upstream. */
final class RequestHeaderModifierFilter implements HttpFilter {
    private final HeaderEdits edits;

    RequestHeaderModifierFilter(HeaderEdits edits) {
        this.edits = requireNonNull(edits, "edits");
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        edits.apply(ctx.request().headers());
        return FilterStep.next();
    }
}
