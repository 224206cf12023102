package dev.archway.plugins.builtin.graphql.api;

import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.at;
import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archway.plugins.builtin.graphql.api.GraphQLHarness.Answer;
import dev.archway.plugins.builtin.graphql.api.GraphQLHarness.Query;
import dev.archway.plugins.builtin.graphql.api.RestBackend.Reply;
import graphql.parser.Parser;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The executor as a whole: event loops, the guard's document, and building from a config. */
class ExecutionTest {
    private final GraphQLHarness harness = new GraphQLHarness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void answersConcurrentRequestsOnDifferentEventLoopsEachWithItsOwnResult() throws Exception {
        harness.backend("users", call -> Reply.json("{\"id\":" + call.target().substring(7)
                + ",\"name\":\"user-" + call.target().substring(7) + "\"}").after(50));
        harness.backend("orders", call -> Reply.json("[{\"id\":\"" + call.target() + "\"}]").after(20));
        GraphQLExecutor executor = harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }}"),
                Rest.call("User.orders", "orders", "/orders/{{ parent.id }}"));

        List<Context> loops = harness.eventLoops(4);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String query = "{ user(id: " + i + ") { name orders { id } } }";
            answers.add(harness.start(executor, Query.of(query), Parser.parse(query), loops.get(i % loops.size())));
        }

        Set<Thread> threads = new HashSet<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i).get(10, TimeUnit.SECONDS);
            assertThat(errors(answer.result())).isEmpty();
            assertThat(at(answer.result(), "data.user.name")).isEqualTo("user-" + i);
            assertThat(at(answer.result(), "data.user.orders.0.id")).isEqualTo("/orders/" + i);
            assertThat(answer.completedOn()).as("completed on the request's event loop").isSameAs(answer.loopThread());
            threads.add(answer.loopThread());
        }
        assertThat(threads).hasSize(4);
    }

    @Test
    void completesOnTheRequestsEventLoopWhenCalledFromAnotherThread() throws Exception {
        harness.backend("users", call -> Reply.json("{\"name\":\"Ada\"}"));
        GraphQLExecutor executor = harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }}"));
        Context loop = harness.vertx.getOrCreateContext();
        CompletableFuture<Thread> loopThread = new CompletableFuture<>();
        loop.runOnContext(v -> loopThread.complete(Thread.currentThread()));
        String query = "{ user(id: 1) { name } }";
        CompletableFuture<Thread> completedOn = new CompletableFuture<>();

        executor.execute(new ExecutionRequest(Parser.parse(query), query, null, null,
                MultiMap.caseInsensitiveMultiMap(), null, loop)).onSuccess(r -> completedOn.complete(Thread.currentThread()));

        assertThat(completedOn.get(10, TimeUnit.SECONDS)).isSameAs(loopThread.get(10, TimeUnit.SECONDS));
    }

    @Test
    void runsTheDocumentTheGuardParsedAndValidatesEachQueryTextOnce() throws Exception {
        RestBackend users = harness.backend("users", call -> Reply.json("{\"name\":\"Ada\"}"));
        GraphQLExecutor executor = harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }}"));
        String query = "query($id: ID!) { user(id: $id) { name } }";

        for (int i = 1; i <= 3; i++) {
            Map<String, Object> result = harness.start(executor, Query.of(query).variables(Map.of("id", i)),
                    Parser.parse(query)).get(10, TimeUnit.SECONDS).result();
            assertThat(at(result, "data.user.name")).isEqualTo("Ada");
        }
        // The text is only the cache key: what runs is the document handed in.
        String other = "{ user(id: 42) { name } }";
        harness.start(executor, Query.of(other), Parser.parse(other)).get(10, TimeUnit.SECONDS);

        assertThat(users.targets()).containsExactly("/users/1", "/users/2", "/users/3", "/users/42");
        assertThat(executor.validatedDocuments()).isEqualTo(2);
    }

    @Test
    void answersValidationErrorsWithoutCallingBackends() throws Exception {
        RestBackend users = harness.backend("users", call -> Reply.json("{}"));
        GraphQLExecutor executor = harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }}"));

        Map<String, Object> result = harness.run(executor, "{ user(id: 1) { name salary } }");

        assertThat(result).doesNotContainKey("data");
        assertThat(errors(result)).singleElement().satisfies(error ->
                assertThat((String) error.get("message")).contains("salary"));
        assertThat(users.calls).isEmpty();
    }

    @Test
    void refusesSubscriptionsWhichARequestCannotCarry() throws Exception {
        GraphQLExecutor executor = harness.executor("""
                type Query { ping: String }
                type Subscription { ticks: Int }""");

        Map<String, Object> result = harness.run(executor, "subscription { ticks }");

        assertThat(result).doesNotContainKey("data");
        assertThat(errors(result)).singleElement()
                .satisfies(error -> assertThat(at(error, "extensions.code")).isEqualTo("OPERATION_NOT_SUPPORTED"));
    }

    @Test
    void refusesToBuildWhenTheSchemaOrATemplateIsBroken() {
        assertThatThrownBy(() -> harness.executor("type Query { user: Nope }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("default/shop: schema: ")
                .hasMessageContaining("Nope");
        assertThatThrownBy(() -> harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }"))) // missing brace
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("default/shop: resolvers[0].path: column ");
        assertThatThrownBy(() -> harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.orders", "orders", "/orders"), Rest.call("User.age", "users", "/age")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default/shop: resolvers[1].field: User.age is not a field of an object type of the schema"
                        + " (expected Type.field)");
    }
}
