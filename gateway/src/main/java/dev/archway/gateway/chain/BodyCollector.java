package dev.archway.gateway.chain;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Reads a whole request body into memory for filters that asked for it, up to a limit. Past the
 * limit the collector stops keeping bytes and reports once; the rest of the body is left unread.
 */
final class BodyCollector {
    private BodyCollector() {}

    /**
     * @param counted called with the size of every chunk read (for the access log)
     * @param cancelled when true at the end, {@code complete} is not called (the exchange moved on)
     */
    static void collect(HttpServerRequest request, int max, IntConsumer counted, BooleanSupplier cancelled,
            Handler<Buffer> complete, Runnable tooLarge) {
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        request.handler(chunk -> {
            counted.accept(chunk.length());
            if (over[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > max) {
                over[0] = true;
                tooLarge.run();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!over[0] && !cancelled.getAsBoolean()) {
                complete.handle(body);
            }
        });
        request.resume();
    }

    /** The declared Content-Length, or -1 when absent or not a number. */
    static long declaredLength(HttpServerRequest request) {
        String declared = request.getHeader("content-length");
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
