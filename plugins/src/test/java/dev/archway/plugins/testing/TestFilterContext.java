package dev.archway.plugins.testing;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One request's filter context in memory. Runs filters in order the way the chain driver does
 * (request phases forward, response phases in reverse, stopping at the first step that is not
 * {@code next}) and streams a body to the registered observers.
 */
public final class TestFilterContext implements HttpFilterContext {
    private final TestRequest request;
    private final TestResponse response = new TestResponse();
    private final TestAttributes attributes = new TestAttributes();
    private final List<Handler<Buffer>> chunkObservers = new ArrayList<>();
    private final List<Handler<Void>> endObservers = new ArrayList<>();
    private String routeName = "httproute/default/test/rule/0/match/0";
    private Context eventLoop;
    private Buffer replacedBody;

    public TestFilterContext(TestRequest request) {
        this.request = requireNonNull(request, "request");
    }

    public TestFilterContext routeName(String name) {
        this.routeName = requireNonNull(name, "name");
        return this;
    }

    /** For filters that complete futures on the event loop; without one, eventLoop() fails. */
    public TestFilterContext eventLoop(Context context) {
        this.eventLoop = requireNonNull(context, "context");
        return this;
    }

    /** Runs {@code onRequestHeaders} of each filter in order until one does not answer next. */
    public FilterStep runRequestHeaders(HttpFilter... filters) {
        for (HttpFilter filter : filters) {
            FilterStep step = filter.onRequestHeaders(this);
            if (!Steps.isNext(step)) {
                return step;
            }
        }
        return FilterStep.next();
    }

    /** Runs {@code onResponseHeaders} of each filter in reverse order, as the chain does. */
    public FilterStep runResponseHeaders(HttpFilter... filters) {
        for (int i = filters.length - 1; i >= 0; i--) {
            FilterStep step = filters[i].onResponseHeaders(this);
            if (!Steps.isNext(step)) {
                return step;
            }
        }
        return FilterStep.next();
    }

    /** Streams {@code chunks} to the body observers, then ends the body (also with no chunk). */
    public void streamBody(Buffer... chunks) {
        for (Buffer chunk : chunks) {
            chunkObservers.forEach(observer -> observer.handle(chunk));
        }
        endObservers.forEach(observer -> observer.handle(null));
    }

    /** The body given to {@link #replaceRequestBody}, or null. */
    public Buffer replacedBody() {
        return replacedBody;
    }

    @Override
    public TestRequest request() {
        return request;
    }

    @Override
    public TestResponse response() {
        return response;
    }

    @Override
    public TestAttributes attributes() {
        return attributes;
    }

    @Override
    public String routeName() {
        return routeName;
    }

    @Override
    public Context eventLoop() {
        if (eventLoop == null) {
            throw new IllegalStateException("eventLoop: not given to this TestFilterContext");
        }
        return eventLoop;
    }

    @Override
    public void replaceRequestBody(Buffer body) {
        this.replacedBody = requireNonNull(body, "body");
    }

    @Override
    public void observeRequestBody(Handler<Buffer> chunk, Handler<Void> end) {
        chunkObservers.add(requireNonNull(chunk, "chunk"));
        endObservers.add(requireNonNull(end, "end"));
    }
}
