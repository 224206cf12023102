package dev.archway.plugins.builtin.graphql.api;

import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.at;
import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.errors;
import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.plugins.builtin.graphql.api.GraphQLHarness.Query;
import dev.archway.plugins.builtin.graphql.api.RestBackend.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fields resolved by calls to real loopback REST backends: what is called, and what comes back. */
class RestResolutionTest {
    static final String SDL = """
            type Query {
              user(id: ID!): User
              users(ids: [ID!]): [User]
              orders(status: String, limit: Int): [Order]
              file(path: String!, version: String): File
              me: User
            }
            type User { id: ID!, name: String, orders: [Order] }
            type Order { id: ID!, total: Float, customerId: ID, customer: User }
            type File { name: String, size: Int }
            """;

    private final GraphQLHarness harness = new GraphQLHarness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void resolvesNestedFieldsEachFromItsBackend() throws Exception {
        RestBackend users = harness.backend("users", call -> Reply.json("{\"id\":1,\"name\":\"Ada\"}"));
        RestBackend orders = harness.backend("orders", call -> Reply.json("[{\"id\":\"o1\",\"total\":9.5}]"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.user", "users", "/users/{{ args.id }}"),
                Rest.call("User.orders", "orders", "/users/{{ parent.id }}/orders"));

        Map<String, Object> result = harness.run(executor, "{ user(id: \"1\") { id name orders { id total } } }");

        assertThat(errors(result)).isEmpty();
        assertThat(result.get("data")).isEqualTo(Map.of("user",
                Map.of("id", "1", "name", "Ada", "orders", List.of(Map.of("id", "o1", "total", 9.5)))));
        assertThat(users.targets()).containsExactly("/users/1");
        assertThat(orders.targets()).containsExactly("/users/1/orders");
        assertThat(users.calls.get(0).headers().get("host")).isEqualTo("users.default.svc");
    }

    @Test
    void percentEncodesArgumentsSoASlashMakesNoNewSegmentAndLeavesOutMissingQueryValues() throws Exception {
        RestBackend files = harness.backend("files", call -> Reply.json("{\"name\":\"x\",\"size\":3}"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.file", "files", "/files/{{ args.path }}")
                        .query("v", "{{ args.version }}").query("q", "a={{ args.path }}").query("fixed", "1"));

        Map<String, Object> result = harness.run(executor, "{ file(path: \"a/b c&d=é\") { name size } }");

        assertThat(at(result, "data.file.size")).isEqualTo(3);
        assertThat(files.targets()).containsExactly(
                "/files/a%2Fb%20c%26d%3D%C3%A9?q=a=a%2Fb%20c%26d%3D%C3%A9&fixed=1");
    }

    @Test
    void resolvesAListsChildFieldWithOneBatchCallForAllItsItems() throws Exception {
        harness.backend("orders", call -> Reply.json("""
                [{"id":"o1","customerId":7},{"id":"o2","customerId":8},{"id":"o3","customerId":7},
                 {"id":"o4","customerId":9}]"""));
        RestBackend customers = harness.backend("customers",
                call -> Reply.json("{\"items\":[{\"id\":8,\"name\":\"Bo\"},{\"id\":7,\"name\":\"Al\"}]}"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.orders", "orders", "/orders"),
                Rest.call("Order.customer", "customers", "/customers")
                        .query("ids", "{{ keys }}").resultPath("items").batch("{{ parent.customerId }}", "id", 100));

        Map<String, Object> result = harness.run(executor, "{ orders { id customer { name } } }");

        assertThat(errors(result)).isEmpty();
        assertThat(at(result, "data.orders.0.customer.name")).isEqualTo("Al");
        assertThat(at(result, "data.orders.1.customer.name")).isEqualTo("Bo");
        assertThat(at(result, "data.orders.2.customer.name")).isEqualTo("Al");
        assertThat(object(at(result, "data.orders.3"))).containsEntry("customer", null);
        // One call, each distinct key once; 9 is not in the answer, so its order has no customer.
        assertThat(customers.targets()).containsExactly("/customers?ids=7,8,9");
    }

    @Test
    void anItemWithoutBatchKeyIsNullWithoutErrorOrCall() throws Exception {
        harness.backend("orders", call -> Reply.json("""
                [{"id":"o1","customerId":7},{"id":"o2","customerId":null},{"id":"o3"}]"""));
        RestBackend customers = harness.backend("customers", call -> Reply.json("[{\"id\":7,\"name\":\"Al\"}]"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.orders", "orders", "/orders"),
                Rest.call("Order.customer", "customers", "/customers")
                        .query("ids", "{{ keys }}").batch("{{ parent.customerId }}", "id", 100));

        Map<String, Object> result = harness.run(executor, "{ orders { id customer { name } } }");

        assertThat(errors(result)).isEmpty();
        assertThat(at(result, "data.orders.0.customer.name")).isEqualTo("Al");
        assertThat(object(at(result, "data.orders.1"))).containsEntry("customer", null);
        assertThat(object(at(result, "data.orders.2"))).containsEntry("customer", null);
        assertThat(customers.targets()).containsExactly("/customers?ids=7");
    }

    @Test
    void splitsABatchIntoCallsOfAtMostMaxSizeKeys() throws Exception {
        harness.backend("orders", call -> Reply.json("""
                [{"id":"o1","customerId":1},{"id":"o2","customerId":2},{"id":"o3","customerId":3}]"""));
        RestBackend customers = harness.backend("customers", call -> Reply.json("[]"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.orders", "orders", "/orders"),
                Rest.call("Order.customer", "customers", "/customers/{{ keys }}").batch("{{ parent.customerId }}", "id", 2));

        harness.run(executor, "{ orders { customer { name } } }");

        assertThat(customers.targets()).containsExactlyInAnyOrder("/customers/1,2", "/customers/3");
    }

    @Test
    void sendsTheChildCallsOfAListTogetherWithoutBatch() throws Exception {
        harness.backend("orders", call -> Reply.json("""
                [{"id":"o1","customerId":1},{"id":"o2","customerId":2},{"id":"o3","customerId":3},
                 {"id":"o4","customerId":1}]"""));
        RestBackend customers = harness.backend("customers",
                call -> Reply.json("{\"name\":\"c" + call.target().substring(11) + "\"}").after(200));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.orders", "orders", "/orders"),
                Rest.call("Order.customer", "customers", "/customers/{{ parent.customerId }}"));

        Map<String, Object> result = harness.run(executor, "{ orders { customer { name } } }");

        assertThat(at(result, "data.orders.3.customer.name")).isEqualTo("c1");
        // Three distinct calls (customer 1 twice is one call), all in flight at the same time.
        assertThat(customers.targets()).containsExactlyInAnyOrder("/customers/1", "/customers/2", "/customers/3");
        assertThat(customers.maxInFlight()).isEqualTo(3);
    }

    @Test
    void makesIdenticalCallsOfOneRequestOnce() throws Exception {
        RestBackend users = harness.backend("users", call -> Reply.json("{\"id\":1,\"name\":\"Ada\"}"));
        GraphQLExecutor executor = harness.executor(SDL, Rest.call("Query.user", "users", "/users/{{ args.id }}"));

        Map<String, Object> result = harness.run(executor,
                "{ a: user(id: 1) { name } b: user(id: \"1\") { id } }");

        assertThat(at(result, "data.a.name")).isEqualTo("Ada");
        assertThat(at(result, "data.b.id")).isEqualTo("1");
        assertThat(users.calls).hasSize(1);

        harness.run(executor, "{ a: user(id: 1) { name } }");
        assertThat(users.calls).as("the cache lives for one request only").hasSize(2);
    }

    @Test
    void answersTheValueAtResultPath() throws Exception {
        harness.backend("users", call -> Reply.json("{\"data\":{\"items\":[{\"name\":\"Ada\"},{\"name\":\"Bo\"}]}}"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.user", "users", "/users").resultPath("data.items.1"),
                Rest.call("Query.users", "users", "/users").resultPath("data.items"),
                Rest.call("Query.me", "users", "/users").resultPath("data.nobody"));

        Map<String, Object> result = harness.run(executor, "{ user(id: 1) { name } users { name } me { name } }");

        assertThat(errors(result)).isEmpty();
        assertThat(at(result, "data.user.name")).isEqualTo("Bo");
        assertThat(at(result, "data.users.0.name")).isEqualTo("Ada");
        assertThat(object(result.get("data"))).containsEntry("me", null);
    }

    @Test
    void answersNullForAnEmptyBody() throws Exception {
        harness.backend("users", call -> new Reply(204, "", 0));
        GraphQLExecutor executor = harness.executor(SDL, Rest.call("Query.user", "users", "/users/{{ args.id }}"));

        Map<String, Object> result = harness.run(executor, "{ user(id: 1) { name } }");

        assertThat(errors(result)).isEmpty();
        assertThat(object(result.get("data"))).containsEntry("user", null);
    }

    @Test
    void forwardsRequestHeadersAndLeavesOutHeadersWithoutValue() throws Exception {
        RestBackend users = harness.backend("users", call -> Reply.json("{\"name\":\"Ada\"}"));
        GraphQLExecutor executor = harness.executor(SDL, Rest.call("Query.me", "users", "/me")
                .header("authorization", "{{ header('authorization') }}")
                .header("x-tenant", "t-{{ header('x-tenant') }}")
                .header("x-fixed", "yes"));

        harness.run(executor, Query.of("{ me { name } }").header("Authorization", "Bearer abc"));

        RestBackend.Call call = users.calls.get(0);
        assertThat(call.headers().get("authorization")).isEqualTo("Bearer abc");
        assertThat(call.headers().contains("x-tenant")).isFalse();
        assertThat(call.headers().get("x-fixed")).isEqualTo("yes");
    }

    @Test
    void refusesAHeaderValueWithALineBreakWithoutCalling() throws Exception {
        RestBackend users = harness.backend("users", call -> Reply.json("{}"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.user", "users", "/users").header("x-id", "{{ args.id }}"));

        Map<String, Object> result = harness.run(executor, "{ user(id: \"1\\r\\nx-admin: 1\") { name } }");

        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.get("path")).isEqualTo(List.of("user"));
            assertThat(at(error, "extensions.code")).isEqualTo("INVALID_HEADER_VALUE");
        });
        assertThat(users.calls).isEmpty();
    }

    @Test
    void readsClaimsByDottedPath() throws Exception {
        RestBackend users = harness.backend("users", call -> Reply.json("{\"name\":\"Ada\"}"));
        GraphQLExecutor executor = harness.executor(SDL, Rest.call("Query.me", "users", "/orgs/{{ claim('org.id') }}/me")
                .header("x-user", "{{ claim('sub') }}")
                .header("x-roles", "{{ claim('https://example.com/roles') }}"));

        harness.run(executor, Query.of("{ me { name } }").claims(Map.of("sub", "u-1", "org", Map.of("id", 42),
                "https://example.com/roles", List.of("admin"))));

        RestBackend.Call call = users.calls.get(0);
        assertThat(call.target()).isEqualTo("/orgs/42/me");
        assertThat(call.headers().get("x-user")).isEqualTo("u-1");
        assertThat(call.headers().get("x-roles")).isEqualTo("[\"admin\"]");
    }

    @Test
    void refusesAnEmptyOrDotSegmentValueThatWouldMoveTheCallToAnotherPath() throws Exception {
        harness.backend("orders", call -> Reply.json("[{\"id\":\"o1\",\"customerId\":\"..\"},"
                + "{\"id\":\"o2\",\"customerId\":\"a.b\"},{\"id\":\"o3\",\"customerId\":\"\"}]"));
        RestBackend customers = harness.backend("customers", call -> Reply.json("{\"name\":\"Al\"}"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.orders", "orders", "/orders"),
                Rest.call("Order.customer", "customers", "/customers/{{ parent.customerId }}/profile"));

        Map<String, Object> result = harness.run(executor, "{ orders { id customer { name } } }");

        // ".." would climb to /profile, "" would call /customers//profile.
        assertThat(errors(result)).hasSize(2).allSatisfy(error ->
                assertThat(at(error, "extensions.code")).isEqualTo("INVALID_PATH_VALUE"));
        assertThat(errors(result)).extracting(error -> error.get("path"))
                .containsExactlyInAnyOrder(List.of("orders", 0, "customer"), List.of("orders", 2, "customer"));
        // A dot inside a value is harmless and passes.
        assertThat(customers.targets()).containsExactly("/customers/a.b/profile");
    }

    @Test
    void refusesADotSegmentKeyOfABatchAndCallsWithTheOtherKeys() throws Exception {
        harness.backend("orders", call -> Reply.json("""
                [{"id":"o1","customerId":"1"},{"id":"o2","customerId":".."},{"id":"o3","customerId":"3"}]"""));
        RestBackend customers = harness.backend("customers",
                call -> Reply.json("[{\"id\":\"1\",\"name\":\"c1\"},{\"id\":\"3\",\"name\":\"c3\"}]"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.orders", "orders", "/orders"),
                Rest.call("Order.customer", "customers", "/customers/{{ keys }}").batch("{{ parent.customerId }}", "id", 10));

        Map<String, Object> result = harness.run(executor, "{ orders { customer { name } } }");

        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.get("path")).isEqualTo(List.of("orders", 1, "customer"));
            assertThat(at(error, "extensions.code")).isEqualTo("INVALID_PATH_VALUE");
        });
        assertThat(at(result, "data.orders.2.customer.name")).isEqualTo("c3");
        assertThat(customers.targets()).containsExactly("/customers/1,3");
    }

    @Test
    void reportsAMissingPathValueAndMakesNoCall() throws Exception {
        harness.backend("orders", call -> Reply.json("[{\"id\":\"o1\",\"customerId\":5},{\"id\":\"o2\"}]"));
        RestBackend customers = harness.backend("customers", call -> Reply.json("{\"name\":\"Al\"}"));
        GraphQLExecutor executor = harness.executor(SDL,
                Rest.call("Query.orders", "orders", "/orders"),
                Rest.call("Order.customer", "customers", "/customers/{{ parent.customerId }}"));

        Map<String, Object> result = harness.run(executor, "{ orders { id customer { name } } }");

        assertThat(at(result, "data.orders.0.customer.name")).isEqualTo("Al");
        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error.get("path")).isEqualTo(List.of("orders", 1, "customer"));
            assertThat((String) error.get("message")).contains("parent.customerId");
            assertThat(at(error, "extensions.code")).isEqualTo("TEMPLATE_VALUE_MISSING");
            assertThat(at(error, "extensions.value")).isEqualTo("parent.customerId");
            assertThat(error.get("locations")).isNotNull();
        });
        assertThat(customers.targets()).containsExactly("/customers/5");
    }
}
