package dev.archway.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * HTTP/1.1 inside a tunnel, with Netty's {@link HttpClientCodec} in an {@link EmbeddedChannel}
 * (the codec runs on the calling thread: the request's event loop). A body of unknown length goes
 * chunked; one that may be empty waits for its first event, so a GET does not turn chunked.
 */
final class Http1TunnelCodec implements TunnelCodec {
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Events events;
    private final EmbeddedChannel codec = new EmbeddedChannel(
            new HttpClientCodec(MAX_HEAD_BYTES, MAX_HEAD_BYTES, 64 * 1024));
    private HttpRequest pending;
    private boolean ended;

    Http1TunnelCodec(Events events) {
        this.events = events;
    }

    @Override
    public void requestHead(OutgoingRequest request, Body body) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.pathAndQuery());
        for (Map.Entry<String, String> header : request.headers()) {
            head.headers().add(header.getKey(), header.getValue());
        }
        if (request.authority() != null && !request.authority().isEmpty()) {
            head.headers().set(HttpHeaderNames.HOST, request.authority());
        }
        if (body == Body.STREAMED) {
            chunked(head);
        }
        if (body == Body.UNKNOWN) {
            pending = head;
        } else {
            write(head);
        }
    }

    @Override
    public void requestBody(Buffer chunk) {
        if (pending != null) {
            chunked(pending);
            write(pending);
            pending = null;
        }
        write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.getBytes())));
    }

    @Override
    public void requestEnd() {
        if (pending != null) {
            write(pending);
            pending = null;
        }
        write(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static void chunked(HttpRequest head) {
        head.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }

    private void write(HttpObject message) {
        codec.writeOutbound(message);
        for (ByteBuf bytes = codec.readOutbound(); bytes != null; bytes = codec.readOutbound()) {
            events.toTunnel(TunnelBytes.take(bytes));
        }
    }

    @Override
    public void fromTunnel(Buffer bytes) {
        codec.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
        decoded();
    }

    @Override
    public void tunnelEnded() {
        // A response delimited by the end of data ends here.
        codec.finish();
        decoded();
        if (!ended) {
            events.failed(new IllegalStateException("the tunnel closed before the response ended"));
        }
    }

    private void decoded() {
        for (Object message = codec.readInbound(); message != null && !ended; message = codec.readInbound()) {
            if (message instanceof HttpObject object && object.decoderResult().isFailure()) {
                ended = true;
                events.failed(new IllegalStateException("invalid HTTP/1.1 response: "
                        + object.decoderResult().cause().getMessage()));
                return;
            }
            if (message instanceof HttpResponse response) {
                if (response.status().code() == 100) {
                    continue; // 100-continue: the final response follows
                }
                MultiMap headers = MultiMap.caseInsensitiveMultiMap();
                response.headers().forEach(h -> headers.add(h.getKey(), h.getValue()));
                events.head(response.status().code(), headers);
            }
            if (message instanceof HttpContent content) {
                try {
                    if (content.content().isReadable()) {
                        events.body(TunnelBytes.copy(content.content()));
                    }
                    if (content instanceof LastHttpContent last) {
                        ended = true;
                        MultiMap trailers = MultiMap.caseInsensitiveMultiMap();
                        last.trailingHeaders().forEach(h -> trailers.add(h.getKey(), h.getValue()));
                        events.end(trailers);
                    }
                } finally {
                    content.release();
                }
            }
        }
    }

    @Override
    public void release() {
        codec.finishAndReleaseAll();
    }
}
