package dev.archway.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP/1.1 server on loopback that answers with JSON describing what it received: its own
 * name, method, path, query, headers (lower-cased names, values joined with ",") and body.
 * {@code ?delay=MILLIS} delays the answer; {@code ?status=N} sets the status, for every request or,
 * with {@code &failFirst=K&key=X}, only for the first K requests carrying key X. Every request is
 * recorded, so tests can also check what a backend received (mirrors, counts, retries).
 */
final class EchoBackend implements AutoCloseable {
    /** One received request. */
    record Received(String method, String path, String query, Map<String, String> headers, String body) {}

    final String name;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpServer server;

    EchoBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "echo-" + name);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            String query = ex.getRequestURI().getRawQuery();
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), query, headers, body));
            Map<String, String> params = Json.query(query);
            if (params.containsKey("delay")) {
                Thread.sleep(Long.parseLong(params.get("delay")));
            }
            int status = params.containsKey("status") ? Integer.parseInt(params.get("status")) : 200;
            if (params.containsKey("failFirst")) {
                int seen = attempts.merge(params.get("key"), 1, Integer::sum);
                status = seen <= Integer.parseInt(params.get("failFirst")) ? status : 200;
            }
            byte[] out = Json.object(Map.of(
                    "backend", name,
                    "method", ex.getRequestMethod(),
                    "path", ex.getRequestURI().getRawPath(),
                    "query", query == null ? "" : query,
                    "headers", headers,
                    "body", body)).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.getResponseHeaders().add("x-backend", name);
            ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            ex.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
