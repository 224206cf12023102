package dev.archway.plugins.spi;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/** What a filter sees of one request. Valid only on the request's event loop. */
public interface HttpFilterContext {
    RequestHead request();

    /** The response; before the upstream answered its status is 0. */
    ResponseHead response();

    Attributes attributes();

    /** The deterministic name of the route that matched, e.g. {@code httproute/ns/name/rule/0/match/0}. */
    String routeName();

    /** The event-loop context of this request: complete futures there, never block it. */
    Context eventLoop();

    /** Replaces the buffered request body (only in {@link HttpFilter#onRequestBody}). */
    void replaceRequestBody(Buffer body);

    /**
     * Observes the request body as it streams to the upstream, without buffering it; the end
     * handler runs once after the last chunk (also for a request without body).
     */
    void observeRequestBody(Handler<Buffer> chunk, Handler<Void> end);
}
