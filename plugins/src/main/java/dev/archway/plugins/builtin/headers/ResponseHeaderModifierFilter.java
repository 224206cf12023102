package dev.archway.plugins.builtin.headers;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;

/** Edits the response headers before they go to the client. */
final class ResponseHeaderModifierFilter implements HttpFilter {
    private final HeaderEdits edits;

    ResponseHeaderModifierFilter(HeaderEdits edits) {
        this.edits = requireNonNull(edits, "edits");
    }

    @Override
    public FilterStep onResponseHeaders(HttpFilterContext ctx) {
        edits.apply(ctx.response().headers());
        return FilterStep.next();
    }
}
