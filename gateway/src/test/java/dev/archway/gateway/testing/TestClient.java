package dev.archway.gateway.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/** A blocking HTTP client for tests (HTTP/1.1, or h2c with prior knowledge). */
public final class TestClient implements AutoCloseable {
    private final HttpClientAgent client;

    private TestClient(HttpClientAgent client) {
        this.client = client;
    }

    public static TestClient http1(Vertx vertx) {
        return new TestClient(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)));
    }

    public static TestClient h2c(Vertx vertx) {
        return new TestClient(vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)));
    }

    /** A response read whole. */
    public record Response(int status, MultiMap headers, MultiMap trailers, String body, HttpVersion version) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        /** The first value of a header the echo backend received. */
        public String echoedHeader(String name) {
            var values = json().getJsonObject("headers").getJsonArray(name.toLowerCase());
            return values == null ? null : values.getString(0);
        }
    }

    public Response get(int port, String host, String path) {
        return send(HttpMethod.GET, port, host, path, MultiMap.caseInsensitiveMultiMap(), null);
    }

    public Response send(HttpMethod method, int port, String host, String path, MultiMap headers, Buffer body) {
        return await(sendAsync(method, port, host, path, headers, body));
    }

    /** As {@link #send}, without waiting: for many requests in flight at once. */
    public Future<Response> sendAsync(HttpMethod method, int port, String host, String path, MultiMap headers, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
                .setURI(path).setHeaders(headers);
        Future<Response> response = client.request(options).compose(request -> {
            if (host != null) {
                request.authority(io.vertx.core.net.HostAndPort.parseAuthority(host, -1));
            }
            return (body == null ? request.send() : request.send(body))
                    .compose(r -> r.body().map(b -> new Response(r.statusCode(), r.headers(), r.trailers(), b.toString(),
                            r.version())));
        });
        return response;
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    @Override
    public void close() {
        await(client.close());
    }
}
