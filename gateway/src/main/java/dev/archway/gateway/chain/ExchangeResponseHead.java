package dev.archway.gateway.chain;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.ResponseHead;
import io.vertx.core.MultiMap;

/** The response as filters see and change it before it goes to the client. */
final class ExchangeResponseHead implements ResponseHead {
    private int status;
    private MultiMap headers = MultiMap.caseInsensitiveMultiMap();

    @Override
    public int status() {
        return status;
    }

    @Override
    public void status(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100-999)");
        }
        this.status = status;
    }

    @Override
    public MultiMap headers() {
        return headers;
    }

    void reset(int status, MultiMap headers) {
        this.status = status;
        this.headers = requireNonNull(headers, "headers");
    }
}
