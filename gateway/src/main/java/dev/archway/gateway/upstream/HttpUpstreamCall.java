package dev.archway.gateway.upstream;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetSocket;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * One request to one upstream endpoint and its response over Vert.x's HTTP client (plain or TLS),
 * streamed both ways with back-pressure. Used on the client request's event loop only.
 *
 * <pre>
 *  send():  connection from pool ─► head ─► body (buffered | streamed) ─► response head (paused)
 *  relay(): response head to client ─► body chunks ─► trailers ─► end
 * </pre>
 *
 * The backend timeout runs from {@link #send} to the response head: past it the upstream request
 * is reset and {@link #send}'s future fails with a 504 {@link UpstreamFailure}.
 */
final class HttpUpstreamCall extends BaseUpstreamCall {
    static final long STREAM_IDLE_TIMEOUT_MILLIS = 300_000;
    static final long POOL_WAIT_MILLIS = 10_000;

    private HttpClientRequest request;
    private HttpClientResponse response;
    /** The client body being streamed upstream, so that an abort can let it drain instead of stall. */
    private io.vertx.core.streams.ReadStream<Buffer> streaming;
    private boolean aborted;

    HttpUpstreamCall(Vertx vertx, Cluster cluster, EndpointIr endpoint) {
        super(vertx, cluster, endpoint);
    }

    /**
     * Sends the request. The future completes with the response head (its body paused until
     * {@link #relay}) or fails with an {@link UpstreamFailure}.
     *
     * @param upgrade a WebSocket upgrade: the head goes out without body and a 101 answer turns
     *     the connection into a tunnel (see {@link WebSocketTunnel})
     * @param backendTimeout null for no limit
     */
    @Override
    public Future<UpstreamHead> send(OutgoingRequest head, RequestBody body, boolean upgrade, Duration backendTimeout) {
        Promise<UpstreamHead> result = Promise.promise();
        UpstreamFailure unreachable = cluster.unreachable();
        if (unreachable != null) {
            return Future.failedFuture(unreachable);
        }
        startTimeout(backendTimeout, result, endpoint.toString());
        RequestOptions options = cluster.target(endpoint)
                // Without a route timeout a hung upstream would hold the exchange forever: no data
                // for this long in either direction ends it (Envoy's stream idle timeout default).
                .setIdleTimeout(STREAM_IDLE_TIMEOUT_MILLIS)
                // Waiting for a pooled connection is bounded too: a saturated endpoint answers 503.
                .setConnectTimeout(POOL_WAIT_MILLIS)
                .setMethod(HttpMethod.valueOf(head.method()))
                .setURI(head.pathAndQuery());
        cluster.client().request(options).onComplete(ar -> {
            if (ar.failed()) {
                fail(result, ar.cause());
                return;
            }
            request = ar.result();
            if (aborted || result.future().isComplete()) {
                request.reset();
                return;
            }
            request.exceptionHandler(err -> fail(result, err));
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(head.headers());
            Authorities.apply(request, headers, head.authority(), cluster.protocol());
            request.headers().addAll(headers);
            Future<HttpClientResponse> answer = upgrade ? request.connect() : request.response();
            answer.onComplete(res -> {
                if (res.failed()) {
                    fail(result, res.cause());
                    return;
                }
                cancelTimer();
                response = res.result();
                response.pause();
                if (!result.tryComplete(new UpstreamHead(response.statusCode(), response.headers()))) {
                    // Too late (timed out or aborted): nothing waits for this response.
                    request.reset();
                }
            });
            if (!upgrade) {
                sendBody(body);
            }
        });
        return result.future();
    }

    private void fail(Promise<UpstreamHead> result, Throwable cause) {
        cancelTimer();
        result.tryFail(UpstreamFailure.from(endpoint.toString(), cause));
    }

    private void sendBody(RequestBody body) {
        if (body instanceof RequestBody.Buffered buffered) {
            Buffer content = buffered.body();
            bytesToUpstream += content.length();
            request.headers().remove("transfer-encoding");
            if (content.length() > 0 || request.headers().contains("content-length")) {
                request.headers().set("content-length", Integer.toString(content.length()));
            }
            request.end(content);
            return;
        }
        RequestBody.Streamed streamed = (RequestBody.Streamed) body;
        switch (streamed.framing()) {
            case NONE -> request.end();
            case LENGTH -> request.sendHead();
            case CHUNKED -> request.setChunked(true).sendHead();
            case UNKNOWN -> {
                // gRPC streams may wait for response headers before sending a message, so h2c
                // sends the head now. For HTTP/1.1 the head leaves with the first chunk (chunked)
                // or with the end (no body), whichever comes first.
                if (cluster.protocol() == UpstreamProtocol.H2C) {
                    request.setChunked(true).sendHead();
                }
            }
        }
        pump(streamed);
    }

    private void pump(RequestBody.Streamed streamed) {
        boolean noBody = streamed.framing() == RequestBody.Framing.NONE;
        boolean lazyChunked = streamed.framing() == RequestBody.Framing.UNKNOWN && cluster.protocol() != UpstreamProtocol.H2C;
        var source = streamed.source();
        streaming = source;
        source.handler(chunk -> {
            streamed.onChunk().handle(chunk);
            if (noBody || aborted) {
                return;
            }
            bytesToUpstream += chunk.length();
            if (lazyChunked && !request.isChunked()) {
                request.setChunked(true);
            }
            try {
                request.write(chunk);
            } catch (IllegalStateException resetMeanwhile) {
                // The upstream request was reset (timeout, upstream failure): the body has nowhere to go.
                abort();
                return;
            }
            if (request.writeQueueFull()) {
                source.pause();
                request.drainHandler(v -> source.resume());
            }
        });
        source.endHandler(v -> {
            streamed.onEnd().handle(null);
            if (!noBody && !aborted) {
                request.end();
            }
        });
        source.exceptionHandler(err -> abort());
        source.resume();
    }

    /**
     * Writes the response to the client: {@code status} and {@code headers} (after the response
     * filters), then the body and trailers of the upstream response. The future completes when the
     * response ended, or fails when either side broke off.
     */
    @Override
    public Future<Void> relay(HttpServerResponse out, int status, MultiMap headers, boolean headRequest, HttpVersion clientVersion) {
        Promise<Void> done = Promise.promise();
        ResponseStart.begin(out, status, headers, headRequest, clientVersion);
        out.exceptionHandler(err -> {
            // A client that closes right after the last byte (Connection: close) is not a failure.
            if (out.ended()) {
                return;
            }
            abort();
            done.tryFail(err);
        });
        response.handler(chunk -> {
            bytesToClient += chunk.length();
            out.write(chunk);
            if (out.writeQueueFull()) {
                response.pause();
                out.drainHandler(v -> response.resume());
            }
        });
        response.exceptionHandler(err -> {
            // The head is gone already: breaking the client's stream is the only honest signal.
            out.reset();
            done.tryFail(err);
        });
        response.endHandler(v -> {
            MultiMap trailers = response.trailers();
            if (trailers != null && !trailers.isEmpty() && ResponseStart.trailersFit(out, clientVersion)) {
                MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(trailers);
                ProxyHeaders.stripResponse(copy);
                out.trailers().addAll(copy);
            }
            out.end();
            done.tryComplete();
        });
        response.resume();
        return done.future();
    }

    @Override
    public void abort() {
        if (aborted) {
            return;
        }
        aborted = true;
        cancelTimer();
        if (request != null) {
            request.reset();
        }
        if (streaming != null) {
            // It may be paused waiting for a drain that will never come; the chunks are dropped now.
            streaming.resume();
        }
    }

    @Override
    public NetSocket upgraded() {
        return response.netSocket();
    }
}
