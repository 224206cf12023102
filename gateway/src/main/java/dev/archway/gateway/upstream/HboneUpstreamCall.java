package dev.archway.gateway.upstream;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
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

/**
 * One request through an HBONE tunnel: a {@code CONNECT} stream on a pooled, multiplexed HTTP/2
 * connection (mutual TLS with the gateway's SVID) to a waypoint or node proxy, then the request
 * inside the stream, HTTP/1.1 or, for h2c (gRPC) Services, HTTP/2 ({@link TunnelCodec}), and its
 * response back, with back-pressure both ways, on the request's event loop.
 *
 * <p>Each try opens its own stream (one round trip to the waypoint before the request goes out);
 * the connections under the streams are reused. WebSocket upgrades are not carried yet: they fail
 * with a 502 that says so.
 */
final class HboneUpstreamCall extends BaseUpstreamCall implements TunnelCodec.Events {
    static final int PAUSE_ABOVE_BYTES = 256 * 1024;
    static final int RESUME_BELOW_BYTES = 64 * 1024;
    private Promise<UpstreamHead> head;
    private HttpClientRequest connect;
    private NetSocket tunnel;
    private TunnelCodec codec;
    /** Body parts decoded before {@link #relay} started. */
    private final ArrayDeque<Buffer> early = new ArrayDeque<>();
    private MultiMap responseTrailers;
    private HttpServerResponse out;
    private Promise<Void> relayed;
    private boolean trailersFit;
    private boolean responseDone;
    private boolean aborted;
    private ReadStream<Buffer> streaming;
    /** Bytes handed to the tunnel whose write has not completed: the upload pauses above a limit. */
    private long unsent;
    private boolean uploadPaused;

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
        if (upgrade) {
            return Future.failedFuture(new UpstreamFailure(502, "upstream_tunnel_failure",
                    "WebSocket upgrades are not carried through HBONE tunnels yet (" + where() + ")", null));
        }
        startTimeout(backendTimeout, head, where());
        cluster.tunnels().request(cluster.tunnel(endpoint)
                .setIdleTimeout(HttpUpstreamCall.STREAM_IDLE_TIMEOUT_MILLIS)).onComplete(opened -> {
            if (opened.failed()) {
                failed(opened.cause());
                return;
            }
            connect = opened.result();
            if (aborted || head.future().isComplete()) {
                connect.reset();
                return;
            }
            connect.authority(HostAndPort.parseAuthority(cluster.tunnelAuthority(endpoint), -1));
            tunnelHeaders(request.headers(), connect.headers());
            connect.exceptionHandler(this::failed);
            connect.connect().onComplete(established -> {
                if (established.failed()) {
                    failed(established.cause());
                } else if (established.result().statusCode() != 200) {
                    failed(new UpstreamFailure(503, "upstream_tunnel_failure", "the tunnel peer refused CONNECT to "
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
        codec = cluster.protocol() == UpstreamProtocol.H2C ? new Http2TunnelCodec(this) : new Http1TunnelCodec(this);
        tunnel.handler(codec::fromTunnel);
        tunnel.exceptionHandler(this::failed);
        tunnel.endHandler(v -> codec.tunnelEnded());
        if (body instanceof RequestBody.Buffered buffered) {
            Buffer content = buffered.body();
            bytesToUpstream += content.length();
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            headers.remove("transfer-encoding");
            if (content.length() > 0 || headers.contains("content-length")) {
                headers.set("content-length", Integer.toString(content.length()));
            }
            boolean empty = content.length() == 0 && !headers.contains("content-length");
            codec.requestHead(new OutgoingRequest(request.method(), request.pathAndQuery(), request.authority(), headers),
                    empty ? TunnelCodec.Body.NONE : TunnelCodec.Body.LENGTH);
            if (!empty) {
                codec.requestBody(content);
            }
            codec.requestEnd();
            return;
        }
        RequestBody.Streamed streamed = (RequestBody.Streamed) body;
        boolean noBody = streamed.framing() == RequestBody.Framing.NONE;
        codec.requestHead(request, switch (streamed.framing()) {
            case NONE -> TunnelCodec.Body.NONE;
            case LENGTH -> TunnelCodec.Body.LENGTH;
            case CHUNKED -> TunnelCodec.Body.STREAMED;
            case UNKNOWN -> TunnelCodec.Body.UNKNOWN;
        });
        ReadStream<Buffer> source = streamed.source();
        streaming = source;
        source.handler(chunk -> {
            streamed.onChunk().handle(chunk);
            if (noBody || aborted) {
                return;
            }
            bytesToUpstream += chunk.length();
            codec.requestBody(chunk);
            if (unsent > PAUSE_ABOVE_BYTES && !uploadPaused) {
                uploadPaused = true;
                source.pause();
            }
        });
        source.endHandler(v -> {
            streamed.onEnd().handle(null);
            if (!aborted) {
                codec.requestEnd();
            }
        });
        source.exceptionHandler(err -> abort());
        source.resume();
    }

    // ---- TunnelCodec.Events: what the codec produced -----------------------------------------

    @Override
    public void toTunnel(Buffer bytes) {
        if (aborted || tunnel == null) {
            return;
        }
        // Back-pressure by what is written but not yet sent: not tunnel.writeQueueFull(), which
        // Vert.x 5.0 reports true for a CONNECT stream's socket from the start and never drains.
        // A write completes once HTTP/2 flow control to the waypoint let its frame out.
        int length = bytes.length();
        unsent += length;
        tunnel.write(bytes).onComplete(done -> {
            unsent -= length;
            if (uploadPaused && unsent <= RESUME_BELOW_BYTES && streaming != null && !aborted) {
                uploadPaused = false;
                streaming.resume();
            }
        });
    }

    @Override
    public void head(int status, MultiMap headers) {
        cancelTimer();
        // Paused first: completing the head may run the response phase and relay() at once.
        tunnel.pause();
        if (!head.tryComplete(new UpstreamHead(status, headers))) {
            abort();
        }
    }

    @Override
    public void body(Buffer chunk) {
        if (out == null) {
            early.add(chunk);
        } else {
            deliver(chunk);
        }
    }

    @Override
    public void end(MultiMap trailers) {
        responseTrailers = trailers;
        responseDone = true;
        if (out != null) {
            finish();
        }
    }

    @Override
    public void failed(Throwable cause) {
        cancelTimer();
        if (!head.tryFail(UpstreamFailure.from(where(), cause)) && relayed != null && !relayed.future().isComplete()) {
            // The head was relayed already: breaking the client's stream is the only honest signal.
            out.reset();
            relayed.tryFail(cause);
        }
        abort();
    }

    // ---- relay to the client -------------------------------------------------------------------

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
        while (!early.isEmpty()) {
            deliver(early.poll());
        }
        if (responseDone) {
            finish();
        } else {
            tunnel.resume();
        }
        return relayed.future();
    }

    private void deliver(Buffer chunk) {
        bytesToClient += chunk.length();
        out.write(chunk);
        if (out.writeQueueFull()) {
            tunnel.pause();
            out.drainHandler(v -> tunnel.resume());
        }
    }

    private void finish() {
        if (relayed.future().isComplete()) {
            return;
        }
        if (responseTrailers != null && !responseTrailers.isEmpty() && trailersFit) {
            MultiMap trailers = MultiMap.caseInsensitiveMultiMap().addAll(responseTrailers);
            ProxyHeaders.stripResponse(trailers);
            out.trailers().addAll(trailers);
        }
        out.end();
        relayed.tryComplete();
        tunnel.end();
        codec.release();
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
        early.clear();
        if (codec != null) {
            codec.release();
        }
    }

    @Override
    public NetSocket upgraded() {
        throw new UnsupportedOperationException("no upgrades through HBONE tunnels");
    }
}
