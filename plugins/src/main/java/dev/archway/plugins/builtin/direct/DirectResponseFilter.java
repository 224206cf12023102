package dev.archway.plugins.builtin.direct;

import dev.archway.gatewayapi.ir.filters.DirectResponseConfig;
import dev.archway.gatewayapi.ir.filters.HeaderValue;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** Answers every request with the configured response; the upstream is never called. */
final class DirectResponseFilter implements HttpFilter {
    private final int status;
    private final MultiMap headers;
    private final Buffer body;

    DirectResponseFilter(DirectResponseConfig config) {
        this.status = config.status();
        this.body = Buffer.buffer(config.body() == null ? "" : config.body());
        this.headers = MultiMap.caseInsensitiveMultiMap();
        for (HeaderValue h : config.headers()) {
            headers.add(h.name(), h.value());
        }
        // Without a content type, clients guess; a body written in YAML is text.
        if (body.length() > 0 && !headers.contains("content-type")) {
            headers.set("content-type", "text/plain; charset=utf-8");
        }
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        // Fresh copies per request: response filters may edit the reply's headers.
        MultiMap replyHeaders = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        return FilterStep.reply(new LocalReply(status, replyHeaders, body.copy()));
    }
}
