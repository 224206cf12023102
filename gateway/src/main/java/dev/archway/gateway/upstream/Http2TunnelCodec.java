package dev.archway.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTTP/2 with prior knowledge inside a tunnel (gRPC and other h2c Services), with Netty's
 * {@link Http2FrameCodec} in an {@link EmbeddedChannel}: one stream per tunnel, SETTINGS and PING
 * answered by the codec, flow control returned as data is read (the tunnel's own pause holds the
 * peer back when the client is slow).
 */
final class Http2TunnelCodec implements TunnelCodec {
    /** Connection-specific headers HTTP/2 forbids (RFC 9113 §8.2.2). */
    private static final Set<String> CONNECTION_HEADERS =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host");

    private final Events events;
    private final Http2FrameCodec frames = Http2FrameCodecBuilder.forClient().build();
    /** Netty hands out new streams through a handler placed after the codec. */
    private final Http2ChannelDuplexHandler streams = new Http2ChannelDuplexHandler() {};
    private final EmbeddedChannel channel;
    private Http2FrameStream stream;
    private boolean noBody;
    private boolean headSeen;
    private boolean ended;

    Http2TunnelCodec(Events events) {
        this.events = events;
        this.channel = new EmbeddedChannel(frames, streams);
        flush(); // the connection preface and SETTINGS
    }

    @Override
    public void requestHead(OutgoingRequest request, Body body) {
        Http2Headers headers = new DefaultHttp2Headers()
                .method(request.method())
                .scheme("http")
                .path(request.pathAndQuery());
        if (request.authority() != null && !request.authority().isEmpty()) {
            headers.authority(request.authority());
        }
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (CONNECTION_HEADERS.contains(name) || name.equals("te") && !header.getValue().equalsIgnoreCase("trailers")) {
                continue;
            }
            headers.add(name, header.getValue());
        }
        noBody = body == Body.NONE;
        stream = streams.newStream();
        write(new DefaultHttp2HeadersFrame(headers, noBody).stream(stream));
    }

    @Override
    public void requestBody(Buffer chunk) {
        write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(chunk.getBytes()), false).stream(stream));
    }

    @Override
    public void requestEnd() {
        if (!noBody) {
            write(new DefaultHttp2DataFrame(true).stream(stream));
        }
    }

    private void write(Object frame) {
        channel.writeOutbound(frame);
        flush();
    }

    /** Moves whatever the codec wrote (frames, acknowledgements, window updates) into the tunnel. */
    private void flush() {
        channel.runPendingTasks();
        for (ByteBuf bytes = channel.readOutbound(); bytes != null; bytes = channel.readOutbound()) {
            events.toTunnel(TunnelBytes.take(bytes));
        }
    }

    @Override
    public void fromTunnel(Buffer bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
        decoded();
        flush();
    }

    private void decoded() {
        for (Object frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            try {
                if (!ended) {
                    handle(frame);
                }
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
    }

    private void handle(Object frame) {
        if (frame instanceof Http2HeadersFrame headersFrame) {
            Http2Headers received = headersFrame.headers();
            if (!headSeen) {
                int status = Integer.parseInt(String.valueOf(received.status()));
                if (status >= 100 && status < 200) {
                    return; // informational: the final head follows
                }
                headSeen = true;
                events.head(status, plain(received));
            } else if (!headersFrame.isEndStream()) {
                return;
            }
            if (headersFrame.isEndStream()) {
                ended = true;
                events.end(headSeen && received.status() == null ? plain(received) : MultiMap.caseInsensitiveMultiMap());
            }
        } else if (frame instanceof Http2DataFrame data) {
            int consumed = data.initialFlowControlledBytes();
            if (data.content().isReadable()) {
                events.body(TunnelBytes.copy(data.content()));
            }
            if (consumed > 0) {
                channel.write(new DefaultHttp2WindowUpdateFrame(consumed).stream(data.stream()));
                channel.flush();
            }
            if (data.isEndStream()) {
                ended = true;
                events.end(MultiMap.caseInsensitiveMultiMap());
            }
        } else if (frame instanceof Http2ResetFrame reset) {
            ended = true;
            events.failed(new IllegalStateException("the service reset the HTTP/2 stream (error code "
                    + reset.errorCode() + ")"));
        } else if (frame instanceof Http2GoAwayFrame goAway && !headSeen) {
            ended = true;
            events.failed(new IllegalStateException("the service sent GOAWAY (error code " + goAway.errorCode() + ")"));
        }
    }

    /** The headers without HTTP/2 pseudo-headers. */
    private static MultiMap plain(Http2Headers headers) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            String name = header.getKey().toString();
            if (!name.startsWith(":")) {
                out.add(name, header.getValue().toString());
            }
        }
        return out;
    }

    @Override
    public void tunnelEnded() {
        if (!ended) {
            ended = true;
            events.failed(new IllegalStateException("the tunnel closed before the response ended"));
        }
    }

    @Override
    public void release() {
        channel.finishAndReleaseAll();
    }
}
