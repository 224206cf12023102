package dev.archway.gateway.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/** The first steps of relaying any upstream response to the client, whatever carried it. */
final class ResponseStart {
    private ResponseStart() {}

    /**
     * Sets status and headers; an HTTP/1.1 client gets a chunked response when the length is not
     * known and a body may follow.
     */
    static void begin(HttpServerResponse out, int status, MultiMap headers, boolean headRequest, HttpVersion clientVersion) {
        out.setStatusCode(status);
        out.headers().addAll(headers);
        boolean bodyless = headRequest || status == 204 || status == 304 || (status >= 100 && status < 200);
        if (!bodyless && clientVersion == HttpVersion.HTTP_1_1 && !out.headers().contains("content-length")) {
            out.setChunked(true);
        }
    }

    /** Whether trailers can reach this client: HTTP/2, or a chunked HTTP/1.1 response. */
    static boolean trailersFit(HttpServerResponse out, HttpVersion clientVersion) {
        return clientVersion == HttpVersion.HTTP_2 || out.isChunked();
    }
}
