package dev.archway.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two REST services of the worked example in docs/graphql.md, as real HTTP servers on
 * loopback: {@code users} and {@code orders}, with exactly the data the document describes. Each
 * records the requests it got (method, path and query, authorization header), so tests can count
 * backend calls.
 */
final class ShopServices implements AutoCloseable {
    /** One request a service received. */
    record Call(String service, String method, String uri, String authorization) {}

    static final Map<String, JsonObject> USERS = Map.of(
            "1", new JsonObject().put("id", "1").put("name", "Ada Lovelace").put("email", "ada@example.com"),
            "2", new JsonObject().put("id", "2").put("name", "Grace Hopper").put("email", "grace@example.com"));
    static final List<JsonObject> ORDERS = List.of(
            new JsonObject().put("id", "o1").put("total", 25.5).put("customerId", "1"),
            new JsonObject().put("id", "o2").put("total", 12).put("customerId", "2"),
            new JsonObject().put("id", "o3").put("total", 7.25).put("customerId", "1"));

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer users;
    private final HttpServer orders;

    ShopServices() {
        users = vertx.createHttpServer().requestHandler(this::users).listen(0, "127.0.0.1").await();
        orders = vertx.createHttpServer().requestHandler(this::orders).listen(0, "127.0.0.1").await();
    }

    int usersPort() {
        return users.actualPort();
    }

    int ordersPort() {
        return orders.actualPort();
    }

    List<Call> calls(String service) {
        return calls.stream().filter(c -> c.service().equals(service)).toList();
    }

    private void users(HttpServerRequest r) {
        calls.add(new Call("users", r.method().name(), r.uri(), r.getHeader("authorization")));
        if (r.path().equals("/users") && r.getParam("ids") != null) {
            JsonArray found = new JsonArray();
            Arrays.stream(r.getParam("ids").split(",")).map(USERS::get).filter(u -> u != null).forEach(found::add);
            json(r, found.encode());
            return;
        }
        JsonObject user = r.path().startsWith("/users/") ? USERS.get(r.path().substring("/users/".length())) : null;
        if (user == null) {
            r.response().setStatusCode(404).putHeader("content-type", "application/json").end("{\"error\":\"no such user\"}");
            return;
        }
        json(r, user.encode());
    }

    private void orders(HttpServerRequest r) {
        calls.add(new Call("orders", r.method().name(), r.uri(), r.getHeader("authorization")));
        if (r.path().equals("/orders")) {
            int limit = r.getParam("limit") == null ? ORDERS.size() : Integer.parseInt(r.getParam("limit"));
            json(r, new JsonObject().put("items", new JsonArray(ORDERS.subList(0, Math.min(limit, ORDERS.size()))))
                    .encode());
            return;
        }
        String[] parts = r.path().split("/");
        if (parts.length == 4 && parts[1].equals("users") && parts[3].equals("orders")) {
            JsonArray mine = new JsonArray();
            ORDERS.stream().filter(o -> o.getString("customerId").equals(parts[2])).forEach(mine::add);
            json(r, mine.encode());
            return;
        }
        r.response().setStatusCode(404).end();
    }

    private static void json(HttpServerRequest r, String body) {
        r.response().putHeader("content-type", "application/json").end(body);
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
