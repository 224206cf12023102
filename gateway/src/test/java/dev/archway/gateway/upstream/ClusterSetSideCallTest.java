package dev.archway.gateway.upstream;

import static dev.archway.gateway.testing.Ir.cluster;
import static dev.archway.gateway.testing.Ir.endpoint;
import static dev.archway.gateway.testing.Ir.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.archway.gatewayapi.ir.UpstreamProtocol;
import dev.archway.plugins.spi.UpstreamClient.UpstreamResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Side calls (GraphQL resolvers, Wasm http calls) against a real loopback server. */
class ClusterSetSideCallTest {
    private static final int CHUNK = 64 * 1024;
    private static Vertx vertx;
    private static HttpServer server;
    private static ClusterManager manager;
    private static ClusterSet clusters;
    private static final AtomicBoolean endlessStreamClosed = new AtomicBoolean();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            HttpServerResponse response = request.response();
            switch (request.path()) {
                case "/small" -> response.end("hello " + request.getHeader("x-who"));
                case "/declared-too-large" -> response
                        .putHeader("content-length", String.valueOf(ClusterSet.MAX_SIDE_CALL_RESPONSE_BYTES + 1L))
                        .write(Buffer.buffer("x")); // and nothing more: the client must not wait for the rest
                case "/endless" -> {
                    response.setChunked(true);
                    response.closeHandler(v -> endlessStreamClosed.set(true));
                    writeForever(response);
                }
                default -> response.setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        manager = new ClusterManager(vertx, UpstreamSettings.defaults(), (protocol, connection) -> {});
        clusters = manager.clusters(snapshot(List.of(),
                cluster("api", UpstreamProtocol.HTTP1, endpoint(server.actualPort()))));
    }

    private static void writeForever(HttpServerResponse response) {
        if (response.closed()) {
            return;
        }
        response.write(Buffer.buffer(new byte[CHUNK])).onComplete(v -> writeForever(response));
    }

    @AfterAll
    static void stop() throws Exception {
        manager.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static UpstreamResponse call(String path) throws Exception {
        io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("x-who", "filter");
        return clusters.send("api", "GET", "api.internal", path, headers, null)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void returnsTheWholeAnswer() throws Exception {
        UpstreamResponse response = call("/small");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().toString()).isEqualTo("hello filter");
    }

    @Test
    void failsAnAnswerThatDeclaresMoreThanTheLimitWithoutReadingIt() {
        Throwable failure = catchThrowable(() -> call("/declared-too-large"));

        assertThat(failure).hasMessageContaining("the answer declares " + (ClusterSet.MAX_SIDE_CALL_RESPONSE_BYTES + 1L)
                + " bytes (at most " + ClusterSet.MAX_SIDE_CALL_RESPONSE_BYTES + " are read)");
    }

    @Test
    void failsAnEndlessAnswerAtTheLimitAndResetsItsStream() throws Exception {
        Throwable failure = catchThrowable(() -> call("/endless"));

        assertThat(failure).hasMessageContaining("the answer is larger than "
                + ClusterSet.MAX_SIDE_CALL_RESPONSE_BYTES + " bytes");
        // The upstream sees the connection closed, so it stops writing; the gateway holds nothing.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!endlessStreamClosed.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(endlessStreamClosed).isTrue();
        assertThat(call("/small").body().toString()).isEqualTo("hello filter");
    }
}
