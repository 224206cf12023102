package dev.archway.gateway.upstream;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.plugins.spi.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.Map;

/**
 * The clusters of one snapshot. Also the {@link UpstreamClient} handed to filters: side calls
 * (mirrors, auth checks) go through the same pools as proxied traffic.
 */
public final class ClusterSet implements UpstreamClient {
    /** A side call that neither answers nor sends anything for this long is dropped. */
    private static final long SIDE_CALL_IDLE_TIMEOUT_MS = 30_000;

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
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host()))
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
                .compose(response -> response.body()
                        .map(content -> new UpstreamResponse(response.statusCode(), response.headers(), content)));
    }
}
