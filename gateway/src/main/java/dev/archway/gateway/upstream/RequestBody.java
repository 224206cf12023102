package dev.archway.gateway.upstream;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** Where the body of an upstream request comes from. */
public sealed interface RequestBody {

    /** The whole body is in memory (a filter buffered or replaced it). */
    record Buffered(Buffer body) implements RequestBody {
        public Buffered {
            requireNonNull(body, "body");
        }
    }

    /**
     * The body streams from the client with back-pressure; {@code onChunk} and {@code onEnd} see it
     * as it passes (body observers, byte counts).
     */
    record Streamed(ReadStream<Buffer> source, Framing framing, Handler<Buffer> onChunk, Handler<Void> onEnd)
            implements RequestBody {
        public Streamed {
            requireNonNull(source, "source");
            requireNonNull(framing, "framing");
            requireNonNull(onChunk, "onChunk");
            requireNonNull(onEnd, "onEnd");
        }
    }

    /** How the length of a streamed body is known. */
    enum Framing {
        /** HTTP/1.x without Content-Length or chunked: no body at all. */
        NONE,
        /** A Content-Length header is present and forwarded as is. */
        LENGTH,
        /** The client sent chunks: the upstream request is chunked too (HTTP/1.1) or just streamed (h2c). */
        CHUNKED,
        /**
         * HTTP/2 client without Content-Length: it may or may not send data. An HTTP/1.1 upstream
         * request waits for the first event (data means chunked, end means no body).
         */
        UNKNOWN
    }
}
