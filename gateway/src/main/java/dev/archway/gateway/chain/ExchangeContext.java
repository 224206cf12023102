package dev.archway.gateway.chain;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.Attributes;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.RequestHead;
import dev.archway.plugins.spi.ResponseHead;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** What each filter of one exchange sees. */
final class ExchangeContext implements HttpFilterContext {
    private final ExchangeRequestHead request;
    private final ExchangeResponseHead response = new ExchangeResponseHead();
    private final AttributeMap attributes = new AttributeMap();
    private final String routeName;
    private final Context eventLoop;
    private final List<Handler<Buffer>> chunkObservers = new ArrayList<>(1);
    private final List<Handler<Void>> endObservers = new ArrayList<>(1);
    /** The buffered request body from when it is complete until it goes upstream; else null. */
    Buffer body;

    ExchangeContext(ExchangeRequestHead request, String routeName, Context eventLoop) {
        this.request = request;
        this.routeName = routeName;
        this.eventLoop = eventLoop;
    }

    @Override
    public RequestHead request() {
        return request;
    }

    ExchangeRequestHead requestHead() {
        return request;
    }

    @Override
    public ResponseHead response() {
        return response;
    }

    ExchangeResponseHead responseHead() {
        return response;
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public String routeName() {
        return routeName;
    }

    @Override
    public Context eventLoop() {
        return eventLoop;
    }

    @Override
    public void replaceRequestBody(Buffer body) {
        requireNonNull(body, "body");
        if (this.body == null) {
            throw new IllegalStateException("replaceRequestBody: the body is not buffered (expected: called from "
                    + "onRequestBody of a filter whose requestBodyMode() is BUFFER)");
        }
        this.body = body;
    }

    @Override
    public void observeRequestBody(Handler<Buffer> chunk, Handler<Void> end) {
        requireNonNull(chunk, "chunk");
        requireNonNull(end, "end");
        chunkObservers.add(chunk);
        endObservers.add(end);
    }

    /** Hands {@code chunk} to every observer; an observer that throws is not allowed to break the exchange. */
    void observedChunk(Buffer chunk) {
        for (int i = 0; i < chunkObservers.size(); i++) {
            try {
                chunkObservers.get(i).handle(chunk);
            } catch (RuntimeException ignored) {
                // Observers are best effort (mirrors, metrics): the request carries on.
            }
        }
    }

    void observedEnd() {
        for (int i = 0; i < endObservers.size(); i++) {
            try {
                endObservers.get(i).handle(null);
            } catch (RuntimeException ignored) {
                // See observedChunk.
            }
        }
    }
}
