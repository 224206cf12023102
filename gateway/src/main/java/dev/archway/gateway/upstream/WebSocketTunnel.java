package dev.archway.gateway.upstream;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetSocket;

/**
 * Joins a client's WebSocket upgrade to an upstream that answered {@code 101}: both sides become
 * raw sockets and bytes flow each way with back-pressure until either closes. The gateway never
 * parses frames, so extensions and subprotocols are whatever the two ends agreed.
 */
public final class WebSocketTunnel {
    private WebSocketTunnel() {}

    /**
     * Sends the {@code 101} with {@code headers} to the client and splices the sockets; the future
     * completes when both directions closed.
     */
    public static Future<Void> splice(UpstreamCall call, HttpServerRequest downstream, MultiMap headers) {
        requireNonNull(call, "call");
        NetSocket upstream = call.upgraded();
        downstream.response().headers().addAll(headers);
        // Any buffered end-of-request event must drain before the connection turns into a socket.
        downstream.resume();
        return downstream.toNetSocket().compose(client -> {
            Promise<Void> closed = Promise.promise();
            Future<Void> toUpstream = client.pipeTo(upstream);
            Future<Void> toClient = upstream.pipeTo(client);
            Future.join(toUpstream, toClient).onComplete(ignored -> closed.tryComplete());
            // If one side dies abruptly, take the other down too rather than leaving it open.
            client.closeHandler(v -> upstream.close());
            upstream.closeHandler(v -> client.close());
            return closed.future();
        }, err -> {
            upstream.close();
            return Future.failedFuture(err);
        });
    }
}
