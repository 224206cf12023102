package dev.archway.gateway.listener;

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
import dev.archway.gateway.testing.RawHttp;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BadInputTest {
    private static Vertx backends;
    private static EchoBackend echo;
    private static TestGateway gateway;
    private static int port;

    @BeforeAll
    static void start() {
        backends = Vertx.vertx();
        echo = EchoBackend.start(backends, "echo");
        gateway = TestGateway.start();
        port = TestGateway.freePort();
        gateway.serve(snapshot(List.of(httpPort(port,
                        listener("only", "known.example.com", vhost("*", route("r", prefix("/"), backend("echo", 1)))))),
                cluster("echo", UpstreamProtocol.HTTP1, endpoint(echo.port()))));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backends.close();
    }

    @Test
    void servesAWellFormedRequest() {
        String answer = RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: known.example.com\r\nConnection: close\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(200);
    }

    @Test
    void answers404ForAnUnknownHost() {
        String answer = RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: unknown.example.com\r\nConnection: close\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(404);
    }

    @Test
    void answers400AndClosesForAMalformedRequestLine() {
        String answer = RawHttp.exchange(port, "GARBAGE\r\n\r\nGET / HTTP/1.1\r\nHost: known.example.com\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(400);
        assertThat(answer).doesNotContain("200 OK");
    }

    @Test
    void answers400ForAMalformedHeaderLine() {
        String answer = RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: known.example.com\r\nBad Header Without Colon\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(400);
    }

    @Test
    void answers431WhenHeadersExceedTheLimit() {
        String answer = RawHttp.exchange(port, "GET / HTTP/1.1\r\nHost: known.example.com\r\nX-Big: " + "a".repeat(9000)
                + "\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(431);
    }

    @Test
    void answers414WhenTheRequestLineExceedsTheLimit() {
        String answer = RawHttp.exchange(port, "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: known.example.com\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(414);
    }

    @Test
    void rejectsContentLengthWithTransferEncoding() {
        int before = echo.requests();
        String answer = RawHttp.exchange(port, "POST / HTTP/1.1\r\nHost: known.example.com\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: known.example.com\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(400);
        assertThat(answer).doesNotContain("smuggled");
        assertThat(echo.requests()).isEqualTo(before);
    }

    @Test
    void rejectsDifferingContentLengths() {
        String answer = RawHttp.exchange(port, "POST / HTTP/1.1\r\nHost: known.example.com\r\nContent-Length: 4\r\n"
                + "Content-Length: 6\r\n\r\nabcdef");

        assertThat(RawHttp.status(answer)).isEqualTo(400);
    }

    @Test
    void answers501AndClosesForATransferCodingOtherThanChunked() {
        int before = echo.requests();
        String answer = RawHttp.exchange(port, "POST / HTTP/1.1\r\nHost: known.example.com\r\n"
                + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(501);
        assertThat(echo.requests()).isEqualTo(before);
    }
}
