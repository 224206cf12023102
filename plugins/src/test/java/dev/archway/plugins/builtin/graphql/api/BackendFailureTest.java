package dev.archway.plugins.builtin.graphql.api;

import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.at;
import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.errors;
import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.plugins.builtin.graphql.api.RestBackend.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failing backend fails its field only: the rest of the query resolves, the error says why. */
class BackendFailureTest {
    private final GraphQLHarness harness = new GraphQLHarness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void answersTheRestOfTheQueryWhenOneBackendAnswers500() throws Exception {
        harness.backend("users", call -> Reply.json("{\"id\":1,\"name\":\"Ada\"}"));
        harness.backend("orders", call -> Reply.status(500));
        GraphQLExecutor executor = harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }}"),
                Rest.call("User.orders", "orders", "/users/{{ parent.id }}/orders"));

        Map<String, Object> result = harness.run(executor, "{ user(id: 1) {\n name orders { id } } }");

        assertThat(at(result, "data.user.name")).isEqualTo("Ada");
        assertThat(object(at(result, "data.user"))).containsEntry("orders", null);
        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.get("message")).isEqualTo("Service default/orders answered 500");
            assertThat(error.get("path")).isEqualTo(List.of("user", "orders"));
            assertThat(error.get("locations")).isEqualTo(List.of(Map.of("line", 2, "column", 7)));
            assertThat(at(error, "extensions.code")).isEqualTo("BACKEND_ERROR");
            assertThat(at(error, "extensions.status")).isEqualTo(500);
        });
    }

    @Test
    void reportsBackendUnavailableWhenNothingListens() throws Exception {
        RestBackend gone = harness.backend("users", call -> Reply.json("{}"));
        gone.close();
        GraphQLExecutor executor = harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }}"));

        Map<String, Object> result = harness.run(executor, "{ user(id: 1) { name } }");

        assertThat(object(result.get("data"))).containsEntry("user", null);
        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.get("message")).isEqualTo("Service default/users could not be reached (connection failed)");
            assertThat(at(error, "extensions.code")).isEqualTo("BACKEND_UNAVAILABLE");
            assertThat(at(error, "extensions.reason")).isEqualTo("connection");
            // Nothing of the cause (addresses, exception, stack) reaches the client.
            assertThat(error).containsOnlyKeys("message", "locations", "path", "extensions");
            assertThat(object(error.get("extensions"))).containsOnlyKeys("code", "reason", "classification");
        });
    }

    @Test
    void answersAtTheResolversTimeoutWhenTheBackendIsSlow() throws Exception {
        harness.backend("users", call -> Reply.json("{\"name\":\"late\"}").after(3000));
        harness.backend("orders", call -> Reply.json("[{\"id\":\"o1\"}]"));
        GraphQLExecutor executor = harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }}").timeout(Duration.ofMillis(200)),
                Rest.call("Query.orders", "orders", "/orders"));

        long start = System.nanoTime();
        Map<String, Object> result = harness.run(executor, "{ user(id: 1) { name } orders { id } }");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isLessThan(2000);
        assertThat(at(result, "data.orders.0.id")).isEqualTo("o1");
        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.get("message")).isEqualTo("Service default/users did not answer within 200ms");
            assertThat(at(error, "extensions.code")).isEqualTo("BACKEND_UNAVAILABLE");
            assertThat(at(error, "extensions.reason")).isEqualTo("timeout");
        });
    }

    @Test
    void reportsABadBackendResponseWhenTheAnswerIsNotJson() throws Exception {
        harness.backend("users", call -> new Reply(200, "<html>oops</html>", 0));
        GraphQLExecutor executor = harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }}"));

        Map<String, Object> result = harness.run(executor, "{ user(id: 1) { name } }");

        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.get("message")).isEqualTo("Service default/users answered 200 with a body that is not JSON");
            assertThat(at(error, "extensions.code")).isEqualTo("BAD_BACKEND_RESPONSE");
        });
    }

    @Test
    void failsEachItemOfABatchWhoseAnswerIsNotAnArray() throws Exception {
        harness.backend("orders", call -> Reply.json("[{\"id\":\"o1\",\"customerId\":1},{\"id\":\"o2\",\"customerId\":2}]"));
        harness.backend("customers", call -> Reply.json("{\"id\":1}"));
        GraphQLExecutor executor = harness.executor(RestResolutionTest.SDL,
                Rest.call("Query.orders", "orders", "/orders"),
                Rest.call("Order.customer", "customers", "/customers?ids={{ keys }}")
                        .batch("{{ parent.customerId }}", "id", 10));

        Map<String, Object> result = harness.run(executor, "{ orders { id customer { name } } }");

        assertThat(at(result, "data.orders.1.id")).isEqualTo("o2");
        assertThat(errors(result)).hasSize(2).allSatisfy(error -> {
            assertThat(at(error, "extensions.code")).isEqualTo("BAD_BACKEND_RESPONSE");
            assertThat((String) error.get("message")).contains("not an array");
        });
        assertThat(errors(result)).extracting(error -> error.get("path"))
                .containsExactlyInAnyOrder(List.of("orders", 0, "customer"), List.of("orders", 1, "customer"));
    }
}
