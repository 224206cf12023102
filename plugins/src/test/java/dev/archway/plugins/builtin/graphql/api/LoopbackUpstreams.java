package dev.archway.plugins.builtin.graphql.api;

import dev.archway.plugins.spi.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the gateway's upstream pools, which live in the gateway module: sends each call
 * with a Vert.x HTTP client to the loopback port the test mapped the cluster to, with the
 * authority as the Host header and no timeout of its own (like the pools).
 */
final class LoopbackUpstreams implements UpstreamClient {
    private final HttpClient client;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    LoopbackUpstreams(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(64));
    }

    LoopbackUpstreams map(String cluster, int port) {
        ports.put(cluster, port);
        return this;
    }

    @Override
    public Future<UpstreamResponse> send(String cluster, String method, String authority, String pathAndQuery,
            MultiMap headers, Buffer body) {
        Integer port = ports.get(cluster);
        if (port == null) {
            return Future.failedFuture("unknown cluster " + cluster);
        }
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
                .setMethod(HttpMethod.valueOf(method))
                .setURI(pathAndQuery)
                .setHeaders(headers);
        return client.request(options).compose(request -> request
                .authority(HostAndPort.parseAuthority(authority, -1))
                .send(body)
                .compose(response -> response.body()
                        .map(bytes -> new UpstreamResponse(response.statusCode(), response.headers(), bytes))));
    }

    Future<Void> close() {
        return client.close();
    }
}
