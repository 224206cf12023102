package dev.archway.gateway.upstream;

import dev.archway.gatewayapi.ir.EndpointIr;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetSocket;
import java.time.Duration;

/**
 * One try of a request at one upstream endpoint and its response, streamed both ways with
 * back-pressure, on the client request's event loop. Two ways to reach an endpoint: Vert.x's
 * HTTP client ({@link HttpUpstreamCall}, plain or TLS) and an HBONE tunnel through a mesh
 * waypoint or node proxy ({@link HboneUpstreamCall}).
 *
 * <pre>
 *  send():  connection ─► head ─► body (buffered | streamed) ─► response head (body paused)
 *  relay(): response head to client ─► body chunks ─► trailers ─► end
 * </pre>
 *
 * The backend timeout runs from {@link #send} to the response head: past it the upstream request
 * is reset and {@link #send}'s future fails with a 504 {@link UpstreamFailure}.
 */
public interface UpstreamCall {

    /** The call for the next try at {@code endpoint} of {@code cluster}. */
    static UpstreamCall open(Vertx vertx, Cluster cluster, EndpointIr endpoint) {
        return cluster.hbone() != null ? new HboneUpstreamCall(vertx, cluster, endpoint)
                : new HttpUpstreamCall(vertx, cluster, endpoint);
    }

    /** What an upstream answered before its body. */
    record UpstreamHead(int status, MultiMap headers) {}

    EndpointIr endpoint();

    long bytesToUpstream();

    long bytesToClient();

    /**
     * Sends the request. The future completes with the response head (its body held until
     * {@link #relay}) or fails with an {@link UpstreamFailure}.
     *
     * @param upgrade a WebSocket upgrade: the head goes out without body and a 101 answer turns
     *     the connection into a tunnel (see {@link WebSocketTunnel})
     * @param backendTimeout null for no limit
     */
    Future<UpstreamHead> send(OutgoingRequest head, RequestBody body, boolean upgrade, Duration backendTimeout);

    /**
     * Writes the response to the client: {@code status} and {@code headers} (after the response
     * filters), then the body and trailers of the upstream response. The future completes when the
     * response ended, or fails when either side broke off.
     */
    Future<Void> relay(HttpServerResponse out, int status, MultiMap headers, boolean headRequest, HttpVersion clientVersion);

    /** Drops the response head received (a filter replaced it) or stops the call; idempotent. */
    void abort();

    /** After a {@code 101}: the upstream connection as a raw socket. */
    NetSocket upgraded();
}
