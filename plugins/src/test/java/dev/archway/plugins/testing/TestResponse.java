package dev.archway.plugins.testing;

import dev.archway.plugins.spi.ResponseHead;
import io.vertx.core.MultiMap;

/** A mutable response head; status 0 until a test sets it, as before the upstream answered. */
public final class TestResponse implements ResponseHead {
    private int status;
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();

    @Override
    public int status() {
        return status;
    }

    @Override
    public void status(int status) {
        this.status = status;
    }

    @Override
    public MultiMap headers() {
        return headers;
    }

    public TestResponse header(String name, String value) {
        headers.add(name, value);
        return this;
    }
}
