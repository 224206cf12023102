package dev.archway.plugins.spi;

import io.vertx.core.MultiMap;

/** The response as the client will see it; filters may change status and headers. */
public interface ResponseHead {
    int status();

    void status(int status);

    MultiMap headers();
}
