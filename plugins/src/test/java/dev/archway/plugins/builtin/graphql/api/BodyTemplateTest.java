package dev.archway.plugins.builtin.graphql.api;

import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.at;
import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.errors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archway.plugins.builtin.graphql.api.GraphQLHarness.Query;
import dev.archway.plugins.builtin.graphql.api.RestBackend.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Body templates write each value as JSON, so any input makes a well-formed body. */
class BodyTemplateTest {
    static final String SDL = """
            type Query { ping: String }
            type Mutation { createUser(input: NewUser!, note: String): User }
            input NewUser { name: String!, age: Int, admin: Boolean, address: Address }
            input Address { city: String }
            type User { id: ID!, name: String }
            """;

    private final GraphQLHarness harness = new GraphQLHarness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void writesEachValueAsJsonWithQuotesEscapedAndMissingValuesAsNull() throws Exception {
        RestBackend users = harness.backend("users", call -> new Reply(201, "{\"id\":5,\"name\":\"created\"}", 0));
        GraphQLExecutor executor = harness.executor(SDL, Rest.call("Mutation.createUser", "users", "/users")
                .method("POST")
                .body("""
                        {"name": {{ args.input.name }}, "age": {{ args.input.age }}, "admin": {{ args.input.admin }},
                         "address": {{ args.input.address }}, "note": {{ args.note }}, "by": {{ header('x-user') }}}"""));

        Map<String, Object> result = harness.run(executor, Query.of("""
                mutation($input: NewUser!) { createUser(input: $input) { id name } }""")
                .variables(Map.of("input", Map.of("name", "Ada \"The Countess\" \\ Lovelace\n", "age", 36,
                        "admin", true, "address", Map.of("city", "London"))))
                .header("x-user", "ops\"team"));

        assertThat(errors(result)).isEmpty();
        assertThat(at(result, "data.createUser.id")).isEqualTo("5");
        RestBackend.Call call = users.calls.get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.headers().get("content-type")).isEqualTo("application/json");
        Map<?, ?> body = new ObjectMapper().readValue(call.body(), Map.class);
        assertThat(body.get("name")).isEqualTo("Ada \"The Countess\" \\ Lovelace\n");
        assertThat(body.get("age")).isEqualTo(36);
        assertThat(body.get("admin")).isEqualTo(true);
        assertThat(body.get("address")).isEqualTo(Map.of("city", "London"));
        assertThat(body.containsKey("note")).isTrue();
        assertThat(body.get("note")).isNull();
        assertThat(body.get("by")).isEqualTo("ops\"team");
    }

    @Test
    void sendsIdenticalMutationsOfOneRequestEachAsItsOwnCall() throws Exception {
        RestBackend users = harness.backend("users", call -> Reply.json("{\"id\":" + call.body().length() + "}"));
        GraphQLExecutor executor = harness.executor(SDL, Rest.call("Mutation.createUser", "users", "/users")
                .method("POST").body("{\"name\": {{ args.input.name }}}"));

        Map<String, Object> result = harness.run(executor, """
                mutation { a: createUser(input: {name: "x"}) { id } b: createUser(input: {name: "x"}) { id } }""");

        assertThat(errors(result)).isEmpty();
        assertThat(users.calls).hasSize(2);
    }
}
