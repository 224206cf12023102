package dev.archway.plugins.spi;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** Side calls from filters to a cluster of the current snapshot, through the gateway's pools. */
public interface UpstreamClient {

    /**
     * Sends one request to an endpoint of {@code cluster}.
     *
     * @param pathAndQuery the request target, e.g. {@code /check?x=1}
     * @param body the whole body, possibly empty
     * @return the whole response, or a failure when the cluster is unknown, has no endpoint or
     *     the call fails
     */
    Future<UpstreamResponse> send(String cluster, String method, String authority, String pathAndQuery,
            MultiMap headers, Buffer body);

    /** A buffered upstream response. */
    record UpstreamResponse(int status, MultiMap headers, Buffer body) {}
}
