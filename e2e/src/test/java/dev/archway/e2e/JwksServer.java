package dev.archway.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real identity provider's JWKS endpoint on loopback: serves whatever key set the test puts in,
 * counts fetches, and can be taken down (answers 503) to play an IdP outage.
 */
final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger fetches = new AtomicInteger();

    JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = down.get() ? "idp is down".getBytes(StandardCharsets.UTF_8) : jwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", down.get() ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(down.get() ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    void serve(String jwksJson) {
        jwks.set(jwksJson);
    }

    void down(boolean isDown) {
        down.set(isDown);
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
