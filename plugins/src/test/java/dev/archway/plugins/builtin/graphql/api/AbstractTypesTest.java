package dev.archway.plugins.builtin.graphql.api;

import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.at;
import static dev.archway.plugins.builtin.graphql.api.GraphQLHarness.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.plugins.builtin.graphql.api.RestBackend.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interfaces and unions take their concrete type from the backend's {@code __typename}. */
class AbstractTypesTest {
    static final String SDL = """
            type Query { node(id: ID!): Node, search(text: String!): [SearchResult] }
            interface Node { id: ID! }
            type Book implements Node { id: ID!, title: String }
            type Author implements Node { id: ID!, name: String }
            union SearchResult = Book | Author
            """;

    private final GraphQLHarness harness = new GraphQLHarness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void resolvesAnInterfaceByTypename() throws Exception {
        harness.backend("catalog", call -> Reply.json("{\"__typename\":\"Book\",\"id\":12,\"title\":\"Dune\"}"));
        GraphQLExecutor executor = harness.executor(SDL, Rest.call("Query.node", "catalog", "/nodes/{{ args.id }}"));

        Map<String, Object> result = harness.run(executor,
                "{ node(id: 12) { __typename id ... on Book { title } ... on Author { name } } }");

        assertThat(errors(result)).isEmpty();
        assertThat(at(result, "data.node")).isEqualTo(Map.of("__typename", "Book", "id", "12", "title", "Dune"));
    }

    @Test
    void resolvesUnionMembersByTypenameAndFailsOnlyTheItemWithoutOne() throws Exception {
        harness.backend("catalog", call -> Reply.json("""
                [{"__typename":"Author","id":1,"name":"Herbert"},{"id":2,"title":"?"},
                 {"__typename":"Book","id":3,"title":"Dune"},{"__typename":"Film","id":4}]"""));
        GraphQLExecutor executor = harness.executor(SDL, Rest.call("Query.search", "catalog", "/search")
                .query("q", "{{ args.text }}"));

        Map<String, Object> result = harness.run(executor,
                "{ search(text: \"dune\") { ... on Book { title } ... on Author { name } } }");

        assertThat(at(result, "data.search.0.name")).isEqualTo("Herbert");
        assertThat(at(result, "data.search.1")).isNull();
        assertThat(at(result, "data.search.2.title")).isEqualTo("Dune");
        assertThat(at(result, "data.search.3")).isNull();
        assertThat(errors(result)).hasSize(2);
        assertThat(errors(result).get(0).get("path")).isEqualTo(List.of("search", 1));
        assertThat((String) errors(result).get(0).get("message")).contains("has no string \"__typename\"");
        assertThat(errors(result).get(1).get("path")).isEqualTo(List.of("search", 3));
        assertThat((String) errors(result).get(1).get("message"))
                .contains("'Film' is not a possible type of SearchResult");
    }
}
