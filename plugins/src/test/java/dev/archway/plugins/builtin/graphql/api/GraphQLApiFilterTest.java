package dev.archway.plugins.builtin.graphql.api;

import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig;
import dev.archway.plugins.builtin.jwt.JwtAttributes;
import dev.archway.plugins.builtin.jwt.JwtPrincipal;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The GraphQLApi filter as the gateway drives it: headers, buffered body, then an awaited answer. */
class GraphQLApiFilterTest {
    private static final String SDL = "type Query { me: User }\ntype User { id: ID  name: String }";
    private final GraphQLHarness harness = new GraphQLHarness();
    private final GraphQLApiFactory factory = new GraphQLApiFactory();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aClaimOfTheVerifiedTokenReachesTheBackend() throws Exception {
        RestBackend users = harness.backend("users", call -> RestBackend.Reply.json("{\"id\":\"7\",\"name\":\"Al\"}"));
        HttpFilter filter = create(GraphQLHarness.config(SDL, Rest.call("Query.me", "users", "/users/{{ claim('sub') }}")));

        LocalReply reply = post(filter, new JsonObject().put("query", "{ me { name } }"),
                new JwtPrincipal("corp", Map.of("sub", "7")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("content-type")).startsWith("application/json");
        assertThat(at(new JsonObject(reply.body().toString()).getMap(), "data.me.name")).isEqualTo("Al");
        assertThat(users.targets()).containsExactly("/users/7");
    }

    @Test
    void persistedQueriesLearntBeforeAReloadStillWorkAfterIt() throws Exception {
        harness.backend("users", call -> RestBackend.Reply.json("{\"id\":\"7\",\"name\":\"Al\"}"));
        GraphQLApiConfig config = GraphQLHarness.config(SDL, Rest.call("Query.me", "users", "/users/7"));
        String query = "{ me { id } }";
        JsonObject apq = new JsonObject().put("persistedQuery", new JsonObject().put("version", 1)
                .put("sha256Hash", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(query.getBytes()))));

        HttpFilter before = create(config);
        assertThat(post(before, new JsonObject().put("query", query).put("extensions", apq), null).status()).isEqualTo(200);
        // A reload builds the new filter from an equal config before the old one is closed.
        HttpFilter after = create(GraphQLHarness.config(SDL, Rest.call("Query.me", "users", "/users/7")));
        before.close();

        LocalReply hit = post(after, new JsonObject().put("extensions", apq), null);
        assertThat(hit.body().toString()).doesNotContain("PersistedQueryNotFound");
        assertThat(at(new JsonObject(hit.body().toString()).getMap(), "data.me.id")).isEqualTo("7");
    }

    @Test
    void aRefusedRequestNeverReachesTheExecutor() throws Exception {
        RestBackend users = harness.backend("users", call -> RestBackend.Reply.json("{}"));
        HttpFilter filter = create(GraphQLHarness.config(SDL, Rest.call("Query.me", "users", "/users/7")));

        LocalReply reply = post(filter, new JsonObject().put("query", "{ me { id } "), null);

        assertThat(reply.body().toString()).contains("GRAPHQL_PARSE_FAILED");
        assertThat(users.targets()).isEmpty();
    }

    private HttpFilter create(GraphQLApiConfig config) {
        return factory.create(config, new TestBuildContext(harness.vertx, harness.upstreams));
    }

    /** Runs both request phases on an event loop and waits for the filter's reply. */
    private LocalReply post(HttpFilter filter, JsonObject body, JwtPrincipal principal) throws Exception {
        Context loop = harness.vertx.getOrCreateContext();
        TestFilterContext ctx = new TestFilterContext(TestRequest.of("POST", "http://api.example.com/graphql")
                .header("content-type", "application/json")).eventLoop(loop);
        if (principal != null) {
            ctx.attributes().set(JwtAttributes.PRINCIPAL, principal);
        }
        CompletableFuture<LocalReply> reply = new CompletableFuture<>();
        loop.runOnContext(v -> {
            FilterStep headers = filter.onRequestHeaders(ctx);
            if (headers instanceof FilterStep.Reply r) {
                reply.complete(r.reply());
                return;
            }
            FilterStep step = filter.onRequestBody(ctx, Buffer.buffer(body.encode()));
            if (step instanceof FilterStep.Reply r) {
                reply.complete(r.reply());
            } else if (step instanceof FilterStep.Await a) {
                a.future().onComplete(ar -> {
                    if (ar.succeeded() && ar.result() instanceof FilterStep.Reply r) {
                        reply.complete(r.reply());
                    } else {
                        reply.completeExceptionally(new AssertionError("expected a reply, got " + ar));
                    }
                });
            } else {
                reply.completeExceptionally(new AssertionError("a GraphQLApi must answer, got " + step));
            }
        });
        return reply.get(10, TimeUnit.SECONDS);
    }
}
