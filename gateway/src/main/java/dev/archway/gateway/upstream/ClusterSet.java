package dev.archway.gateway.upstream;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.plugins.spi.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;

/**
 * The clusters of one snapshot. Also the {@link UpstreamClient} handed to filters: side calls
 * (mirrors, auth checks) go through the same pools as proxied traffic.
 */
public final class ClusterSet implements UpstreamClient {
    /** A side call that neither answers nor sends anything for this long is dropped. */
    private static final long SIDE_CALL_IDLE_TIMEOUT_MS = 30_000;
    /**
     * The largest answer a side call buffers. A filter asked for the whole body, but an upstream that
     * streams without end must not fill the heap: past this the call fails and its stream is reset.
     */
    static final int MAX_SIDE_CALL_RESPONSE_BYTES = 16 * 1024 * 1024;

    private final Map<String, Cluster> clusters;

    ClusterSet(Map<String, Cluster> clusters) {
        this.clusters = Map.copyOf(clusters);
    }

    /** The cluster named {@code name}, or null. */
    public Cluster cluster(String name) {
        return name == null ? null : clusters.get(name);
    }

    @Override
    public Future<UpstreamResponse> send(String cluster, String method, String authority, String pathAndQuery,
            MultiMap headers, Buffer body) {
        requireNonNull(method, "method");
        requireNonNull(pathAndQuery, "pathAndQuery");
        Cluster target = cluster(cluster);
        if (target == null) {
            return Future.failedFuture("cluster '" + cluster + "' is not in the current snapshot");
        }
        if (target.unreachable() != null) {
            return Future.failedFuture(target.unreachable());
        }
        EndpointIr endpoint = target.nextEndpoint();
        if (endpoint == null) {
            return Future.failedFuture("cluster '" + cluster + "' has no endpoint");
        }
        MultiMap outHeaders = MultiMap.caseInsensitiveMultiMap();
        if (headers != null) {
            outHeaders.addAll(headers);
        }
        ProxyHeaders.stripRequest(outHeaders, false);
        outHeaders.remove("content-length");
        RequestOptions options = target.target(endpoint)
                .setMethod(HttpMethod.valueOf(method))
                .setURI(pathAndQuery)
                .setIdleTimeout(SIDE_CALL_IDLE_TIMEOUT_MS);
        Buffer payload = body == null ? Buffer.buffer() : body;
        return target.client().request(options)
                .compose(request -> {
                    Authorities.apply(request, outHeaders, authority, target.protocol());
                    request.headers().addAll(outHeaders);
                    return request.send(payload);
                })
                .compose(response -> readBounded(response, MAX_SIDE_CALL_RESPONSE_BYTES));
    }

    static Future<UpstreamResponse> readBounded(HttpClientResponse response, int maxBytes) {
        Promise<UpstreamResponse> answer = Promise.promise();
        String declared = response.getHeader("content-length");
        if (declared != null && declared.length() > 0 && parses(declared) > maxBytes) {
            response.request().reset();
            return Future.failedFuture("the answer declares " + declared + " bytes (at most " + maxBytes
                    + " are read)");
        }
        Buffer content = Buffer.buffer();
        response.handler(chunk -> {
            if (answer.future().isComplete()) {
                return;
            }
            if (content.length() + chunk.length() > maxBytes) {
                answer.tryFail("the answer is larger than " + maxBytes + " bytes");
                response.request().reset();
                return;
            }
            content.appendBuffer(chunk);
        });
        response.exceptionHandler(answer::tryFail);
        response.endHandler(v -> answer.tryComplete(
                new UpstreamResponse(response.statusCode(), response.headers(), content)));
        return answer.future();
    }

    private static long parses(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses a malformed length itself
        }
    }
}
