package dev.archway.gateway.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * The HTTP spoken inside an HBONE tunnel's stream: encodes one request into bytes for the tunnel
 * and decodes the response from the tunnel's bytes. HTTP/1.1 ({@link Http1TunnelCodec}) or, for
 * gRPC and other h2c Services, HTTP/2 with prior knowledge ({@link Http2TunnelCodec}). Used on one
 * event loop; every call may produce {@link Events} at once.
 */
interface TunnelCodec {

    /** What the codec produces. */
    interface Events {
        /** Bytes to send into the tunnel. */
        void toTunnel(Buffer bytes);

        /** The response head (informational 1xx answers are skipped). */
        void head(int status, MultiMap headers);

        void body(Buffer chunk);

        /** The response ended; {@code trailers} may be empty. */
        void end(MultiMap trailers);

        /** The response cannot be read (malformed, reset, or the tunnel ended too early). */
        void failed(Throwable cause);
    }

    /** How the request body comes. */
    enum Body {
        /** No body at all. */
        NONE,
        /** A body with a Content-Length header in the request head. */
        LENGTH,
        /** A body of unknown length. */
        STREAMED,
        /** Not known yet (an HTTP/2 client that sent no length): the first body event decides. */
        UNKNOWN
    }

    /** Sends the request head; {@code authority} is the Host / {@code :authority} to send. */
    void requestHead(OutgoingRequest request, Body body);

    void requestBody(Buffer chunk);

    void requestEnd();

    /** Bytes that came out of the tunnel. */
    void fromTunnel(Buffer bytes);

    /** The peer ended the tunnel stream. */
    void tunnelEnded();

    /** Frees what the codec holds; idempotent. */
    void release();
}
