package dev.archway.gateway.listener;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP decoder rejected (malformed syntax, oversize head): a status that
 * says which limit was hit, then the connection closes, because after a framing error nothing
 * else on it can be trusted.
 */
final class InvalidRequests {
    private InvalidRequests() {}

    static void handle(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        int status = 400;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
        }
        request.response()
                .setStatusCode(status)
                .putHeader("connection", "close")
                .putHeader("content-type", "text/plain; charset=utf-8")
                .end(status == 400 ? "bad request\n" : status == 414 ? "request line too long\n" : "request headers too large\n")
                .onComplete(ignored -> request.connection().close());
    }
}
