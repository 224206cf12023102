package dev.archway.gateway.upstream;

import dev.archway.gatewayapi.ir.EndpointIr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * One request through an HBONE tunnel: a {@code CONNECT} stream on a pooled, multiplexed HTTP/2
 * connection (mutual TLS with the gateway's SVID) to a waypoint or node proxy, then the request as
 * HTTP/1.1 inside the stream and its response back, with back-pressure both ways. Netty's HTTP/1.1
 * codec runs in an {@link EmbeddedChannel} over the stream's bytes, on the request's event loop.
 *
 * <p>Each try opens its own stream (one round trip to the waypoint before the request goes out);
 * the connections under the streams are reused. HTTP/2 inside the tunnel (gRPC) and WebSocket
 * upgrades are not carried yet: such requests fail with a 502 that says so.
 */
final class HboneUpstreamCall extends BaseUpstreamCall {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private Promise<UpstreamHead> head;
    private HttpClientRequest connect;
    private NetSocket tunnel;
    private EmbeddedChannel codec;
    /** Body parts decoded before {@link #relay} started. */
    private final ArrayDeque<HttpContent> early = new ArrayDeque<>();
    private HttpServerResponse out;
    private Promise<Void> relayed;
    private boolean trailersFit;
    private boolean responseDone;
    private boolean aborted;
    private ReadStream<Buffer> streaming;

    HboneUpstreamCall(Vertx vertx, Cluster cluster, EndpointIr endpoint) {
        super(vertx, cluster, endpoint);
    }

    private String where() {
        return cluster.tunnelAuthority(endpoint) + " via " + cluster.hbone().via() + " (" + endpoint + ")";
    }

    @Override
    public Future<UpstreamHead> send(OutgoingRequest request, RequestBody body, boolean upgrade, Duration backendTimeout) {
        head = Promise.promise();
        UpstreamFailure unreachable = cluster.unreachable();
        if (unreachable != null) {
            return Future.failedFuture(unreachable);
        }
        if (cluster.protocol() == dev.archway.gatewayapi.ir.UpstreamProtocol.H2C) {
            return Future.failedFuture(new UpstreamFailure(502, "upstream_tunnel_failure",
                    "HTTP/2 (gRPC) inside HBONE tunnels is not supported yet; HTTP/1.1 is (" + where() + ")", null));
        }
        if (upgrade) {
            return Future.failedFuture(new UpstreamFailure(502, "upstream_tunnel_failure",
                    "WebSocket upgrades are not carried through HBONE tunnels yet (" + where() + ")", null));
        }
        startTimeout(backendTimeout, head, where());
        cluster.tunnels().request(cluster.tunnel(endpoint)
                .setIdleTimeout(HttpUpstreamCall.STREAM_IDLE_TIMEOUT_MILLIS)).onComplete(opened -> {
            if (opened.failed()) {
                fail(opened.cause());
                return;
            }
            connect = opened.result();
            if (aborted || head.future().isComplete()) {
                connect.reset();
                return;
            }
            connect.authority(HostAndPort.parseAuthority(cluster.tunnelAuthority(endpoint), -1));
            tunnelHeaders(request.headers(), connect.headers());
            connect.exceptionHandler(this::fail);
            connect.connect().onComplete(established -> {
                if (established.failed()) {
                    fail(established.cause());
                } else if (established.result().statusCode() != 200) {
                    fail(new UpstreamFailure(503, "upstream_tunnel_failure", "the tunnel peer refused CONNECT to "
                            + where() + ": status " + established.result().statusCode(), null));
                } else if (!aborted) {
                    tunnel = established.result().netSocket();
                    start(request, body);
                }
            });
        });
        return head.future();
    }

    /**
     * What HBONE carries on the CONNECT besides the target: the original client (as {@code
     * forwarded: for}) and the trace context, so the waypoint's telemetry joins the request's.
     */
    private static void tunnelHeaders(MultiMap request, MultiMap connect) {
        String forwardedFor = request.get("x-forwarded-for");
        if (forwardedFor != null && !forwardedFor.isEmpty()) {
            String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).trim();
            connect.set("forwarded", "for=\"" + last + "\"");
        }
        for (String name : new String[] {"traceparent", "tracestate", "baggage"}) {
            String value = request.get(name);
            if (value != null) {
                connect.set(name, value);
            }
        }
    }

    private void start(OutgoingRequest request, RequestBody body) {
        codec = new EmbeddedChannel(new HttpClientCodec(MAX_HEAD_BYTES, MAX_HEAD_BYTES, 64 * 1024));
        tunnel.handler(chunk -> {
            codec.writeInbound(Unpooled.wrappedBuffer(chunk.getBytes()));
            decoded();
        });
        tunnel.exceptionHandler(this::broken);
        tunnel.endHandler(v -> {
            // The peer ended the stream: a response delimited by the end of data ends here too.
            codec.finish();
            decoded();
            if (!responseDone) {
                broken(new IllegalStateException("the tunnel closed before the response ended"));
            }
        });
        HttpRequest head = new DefaultHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.valueOf(request.method()), request.pathAndQuery());
        for (Map.Entry<String, String> header : request.headers()) {
            head.headers().add(header.getKey(), header.getValue());
        }
        if (request.authority() != null && !request.authority().isEmpty()) {
            head.headers().set(HttpHeaderNames.HOST, request.authority());
        }
        if (body instanceof RequestBody.Buffered buffered) {
            Buffer content = buffered.body();
            bytesToUpstream += content.length();
            head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            if (content.length() > 0 || head.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                head.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.length());
            }
            write(head);
            write(new DefaultLastHttpContent(Unpooled.wrappedBuffer(content.getBytes())));
            return;
        }
        RequestBody.Streamed streamed = (RequestBody.Streamed) body;
        boolean noBody = streamed.framing() == RequestBody.Framing.NONE;
        // An HTTP/2 client that sent no length may send no body at all: the head waits for the
        // first event (data means chunked, the end means no body), as a GET must not turn chunked.
        boolean[] headSent = {false};
        if (streamed.framing() == RequestBody.Framing.CHUNKED) {
            chunked(head);
        }
        if (streamed.framing() != RequestBody.Framing.UNKNOWN) {
            write(head);
            headSent[0] = true;
        }
        ReadStream<Buffer> source = streamed.source();
        streaming = source;
        source.handler(chunk -> {
            streamed.onChunk().handle(chunk);
            if (noBody || aborted) {
                return;
            }
            if (!headSent[0]) {
                chunked(head);
                write(head);
                headSent[0] = true;
            }
            bytesToUpstream += chunk.length();
            write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.getBytes())));
            if (tunnel.writeQueueFull()) {
                source.pause();
                tunnel.drainHandler(v -> source.resume());
            }
        });
        source.endHandler(v -> {
            streamed.onEnd().handle(null);
            if (!aborted) {
                if (!headSent[0]) {
                    write(head);
                    headSent[0] = true;
                }
                write(LastHttpContent.EMPTY_LAST_CONTENT);
            }
        });
        source.exceptionHandler(err -> abort());
        source.resume();
    }

    private static void chunked(HttpRequest head) {
        head.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }

    /** Encodes {@code message} and sends the bytes into the tunnel. */
    private void write(HttpObject message) {
        if (aborted) {
            return;
        }
        codec.writeOutbound(message);
        for (ByteBuf bytes = codec.readOutbound(); bytes != null; bytes = codec.readOutbound()) {
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            bytes.release();
            tunnel.write(Buffer.buffer(copy));
        }
    }

    /** Handles what the codec decoded from the tunnel. */
    private void decoded() {
        for (Object message = codec.readInbound(); message != null; message = codec.readInbound()) {
            if (message instanceof HttpObject object && object.decoderResult().isFailure()) {
                broken(new IllegalStateException("invalid HTTP/1.1 from " + where() + ": "
                        + object.decoderResult().cause().getMessage()));
                return;
            }
            if (message instanceof HttpResponse response) {
                if (response.status().code() == 100) {
                    continue; // 100-continue: the final response follows
                }
                cancelTimer();
                MultiMap headers = MultiMap.caseInsensitiveMultiMap();
                response.headers().forEach(h -> headers.add(h.getKey(), h.getValue()));
                // Paused first: completing the head may run the response phase and relay() at once.
                tunnel.pause();
                if (!head.tryComplete(new UpstreamHead(response.status().code(), headers))) {
                    abort();
                    return;
                }
            }
            if (message instanceof HttpContent content) {
                if (out == null) {
                    early.add(content);
                } else {
                    deliver(content);
                }
            }
        }
    }

    @Override
    public Future<Void> relay(HttpServerResponse out, int status, MultiMap headers, boolean headRequest,
            HttpVersion clientVersion) {
        this.out = out;
        this.relayed = Promise.promise();
        ResponseStart.begin(out, status, headers, headRequest, clientVersion);
        this.trailersFit = ResponseStart.trailersFit(out, clientVersion);
        out.exceptionHandler(err -> {
            if (out.ended()) {
                return;
            }
            abort();
            relayed.tryFail(err);
        });
        while (!early.isEmpty() && !relayed.future().isComplete()) {
            deliver(early.poll());
        }
        if (!responseDone) {
            tunnel.resume();
        }
        return relayed.future();
    }

    private void deliver(HttpContent content) {
        try {
            if (content.content().isReadable()) {
                byte[] copy = new byte[content.content().readableBytes()];
                content.content().readBytes(copy);
                bytesToClient += copy.length;
                out.write(Buffer.buffer(copy));
                if (out.writeQueueFull()) {
                    tunnel.pause();
                    out.drainHandler(v -> tunnel.resume());
                }
            }
            if (content instanceof LastHttpContent last) {
                responseDone = true;
                if (!last.trailingHeaders().isEmpty() && trailersFit) {
                    MultiMap trailers = MultiMap.caseInsensitiveMultiMap();
                    last.trailingHeaders().forEach(h -> trailers.add(h.getKey(), h.getValue()));
                    ProxyHeaders.stripResponse(trailers);
                    out.trailers().addAll(trailers);
                }
                out.end();
                relayed.tryComplete();
                closeTunnel();
            }
        } finally {
            content.release();
        }
    }

    private void closeTunnel() {
        if (tunnel != null) {
            tunnel.end();
        }
        if (codec != null) {
            codec.finishAndReleaseAll();
        }
    }

    private void fail(Throwable cause) {
        cancelTimer();
        if (!head.tryFail(UpstreamFailure.from(where(), cause)) && relayed != null && !responseDone) {
            // The head was relayed already: breaking the client's stream is the only honest signal.
            out.reset();
            relayed.tryFail(cause);
        }
        abort();
    }

    private void broken(Throwable cause) {
        fail(cause);
    }

    @Override
    public void abort() {
        if (aborted) {
            return;
        }
        aborted = true;
        cancelTimer();
        if (connect != null && !responseDone) {
            connect.reset();
        }
        if (streaming != null) {
            streaming.resume();
        }
        early.forEach(HttpContent::release);
        early.clear();
        if (codec != null) {
            codec.finishAndReleaseAll();
        }
    }

    @Override
    public NetSocket upgraded() {
        throw new UnsupportedOperationException("no upgrades through HBONE tunnels");
    }
}
