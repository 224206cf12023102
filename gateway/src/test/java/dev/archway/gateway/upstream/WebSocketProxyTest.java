package dev.archway.gateway.upstream;

import static dev.archway.gateway.testing.Ir.backend;
import static dev.archway.gateway.testing.Ir.cluster;
import static dev.archway.gateway.testing.Ir.endpoint;
import static dev.archway.gateway.testing.Ir.httpPort;
import static dev.archway.gateway.testing.Ir.listener;
import static dev.archway.gateway.testing.Ir.prefix;
import static dev.archway.gateway.testing.Ir.route;
import static dev.archway.gateway.testing.Ir.snapshot;
import static dev.archway.gateway.testing.Ir.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gateway.testing.EchoBackend;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebSocketProxyTest {
    private static Vertx vertx;
    private static EchoBackend echo;
    private static TestGateway gateway;
    private static int port;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        echo = EchoBackend.start(vertx, "echo");
        gateway = TestGateway.start();
        port = TestGateway.freePort();
        gateway.serve(snapshot(List.of(httpPort(port, listener("l", null, vhost("*",
                        route("r", prefix("/"), backend("ws", 1)))))),
                cluster("ws", UpstreamProtocol.WEBSOCKET, endpoint(echo.port()))));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        vertx.close();
    }

    @Test
    void proxiesAWebSocketUpgradeAndEchoesTextAndBinaryMessages() {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocket socket = TestClient.await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                    .setPort(port).setURI("/ws").addHeader("origin", "http://example.com")));
            Promise<String> text = Promise.promise();
            Promise<Buffer> binary = Promise.promise();
            socket.textMessageHandler(text::tryComplete);
            socket.binaryMessageHandler(binary::tryComplete);

            socket.writeTextMessage("hello through the gateway");
            socket.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));

            assertThat(TestClient.await(text.future())).isEqualTo("hello through the gateway");
            assertThat(TestClient.await(binary.future()).getBytes()).containsExactly(1, 2, 3);
            TestClient.await(socket.close());
        } finally {
            TestClient.await(client.close());
        }
    }

    @Test
    void stillServesPlainRequestsOnTheSameRoute() {
        TestClient client = TestClient.http1(vertx);
        try {
            assertThat(client.get(port, "h", "/plain").status()).isEqualTo(200);
        } finally {
            client.close();
        }
    }
}
