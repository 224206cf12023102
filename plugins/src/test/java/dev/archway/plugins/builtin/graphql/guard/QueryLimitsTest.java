package dev.archway.plugins.builtin.graphql.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig.PersistedQueryMode;
import dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes;
import dev.archway.plugins.builtin.graphql.request.GraphQLRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class QueryLimitsTest {

    private static GraphQLProtectionConfig limits(int depth, int complexity, int aliases, boolean introspection) {
        return new GraphQLProtectionConfig(depth, complexity, aliases, introspection, 256 * 1024,
                PersistedQueryMode.OPTIONAL, List.of(), 100);
    }

    private static final QueryGuard ROOMY = new QueryGuard(limits(100, 1_000_000, 1000, true));

    private static GraphQLRequest post(String query) {
        return new GraphQLRequest(query, null, Map.of(), Map.of(), false);
    }

    private static GraphQLRequest post(String query, Map<String, Object> variables) {
        return new GraphQLRequest(query, null, variables, Map.of(), false);
    }

    private static GuardResult.Rejected rejected(QueryGuard guard, GraphQLRequest request) {
        GuardResult result = guard.check(request);
        assertThat(result).isInstanceOf(GuardResult.Rejected.class);
        return (GuardResult.Rejected) result;
    }

    private static void accepted(QueryGuard guard, GraphQLRequest request) {
        assertThat(guard.check(request)).isInstanceOf(GuardResult.Accepted.class);
    }

    @Test
    void rejectsQueryDeeperThanMaxDepthAndCountsTopLevelFieldAsOne() {
        QueryGuard guard = new QueryGuard(limits(3, 1000, 10, true));

        accepted(guard, post("{ a { b { c } } }"));
        GuardResult.Rejected r = rejected(guard, post("{ a { b { c { d } } } }"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.MAX_DEPTH_EXCEEDED);
        assertThat(r.message()).isEqualTo("query depth 4 exceeds the limit of 3");
    }

    @Test
    void countsDepthThroughNamedAndInlineFragments() {
        QueryGuard guard = new QueryGuard(limits(3, 1000, 10, true));

        GuardResult.Rejected r = rejected(guard, post(
                "{ a { ...F } } fragment F on A { ... on A { b { c { d } } } }"));

        assertThat(r.message()).isEqualTo("query depth 4 exceeds the limit of 3");
    }

    @Test
    void rejectsTooManyAliasesCountingFragmentsAsOftenAsTheyAreSpread() {
        QueryGuard guard = new QueryGuard(limits(10, 1000, 3, true));

        accepted(guard, post("{ a1: a a2: a a3: a }"));
        GuardResult.Rejected r = rejected(guard, post("{ x { ...F } y { ...F } } fragment F on T { p: a q: b }"));

        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.MAX_ALIASES_EXCEEDED);
        assertThat(r.message()).isEqualTo("query aliases 4 exceed the limit of 3");
    }

    @Test
    void multipliesChildrenByFirstLastOrLimitLiteral() {
        // users: 1 + 10 * (id 1 + friends (1 + 5 * name 1)) = 1 + 10 * 7 = 71
        QueryGuard guard = new QueryGuard(limits(10, 70, 10, true));

        GuardResult.Rejected r = rejected(guard, post("{ users(first: 10) { id friends(last: 5) { name } } }"));

        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.MAX_COMPLEXITY_EXCEEDED);
        assertThat(r.message()).isEqualTo("query complexity 71 exceeds the limit of 70");
        accepted(new QueryGuard(limits(10, 71, 10, true)),
                post("{ users(first: 10) { id friends(last: 5) { name } } }"));
    }

    @Test
    void takesListSizeFromTheRequestVariablesOrTheVariableDefault() {
        QueryGuard guard = new QueryGuard(limits(10, 100, 10, true));
        String query = "query Q($n: Int = 200) { items(limit: $n) { id } }";

        accepted(guard, post(query, Map.of("n", 50)));
        assertThat(rejected(guard, post(query, Map.of("n", 150))).message())
                .isEqualTo("query complexity 151 exceeds the limit of 100");
        // Absent from the request, the variable's default is what the upstream will use.
        assertThat(rejected(guard, post(query)).message()).isEqualTo("query complexity 201 exceeds the limit of 100");
        accepted(guard, post("query Q($n: Int) { items(first: $n) { id } }"));
    }

    @Test
    @Timeout(10)
    void capsHugeOrNegativeVariableListSizesWithoutExpandingThem() {
        QueryGuard guard = new QueryGuard(limits(10, 100, 10, true));
        String query = "query Q($n: Int) { items(first: $n) { id } }";

        // A short exponent that would be a 40 MB integer if expanded: capped at a 32-bit Int, refused.
        for (Object huge : List.of(new BigDecimal("1e100000000"), new BigDecimal("1e999999999"), "1e999999999",
                new BigInteger("9".repeat(400)))) {
            assertThat(rejected(guard, post(query, Map.of("n", huge))).message())
                    .isEqualTo("query complexity " + (1L + Integer.MAX_VALUE) + " exceeds the limit of 100");
        }
        // Negative, tiny or not a number: the children are counted once.
        for (Object small : List.of(new BigDecimal("-1e999999999"), new BigInteger("-" + "9".repeat(400)),
                new BigDecimal("1e-999999999"), "many")) {
            accepted(guard, post(query, Map.of("n", small)));
        }
    }

    @Test
    void countsFieldsInFragmentsForComplexity() {
        QueryGuard guard = new QueryGuard(limits(10, 20, 10, true));

        GuardResult.Rejected r = rejected(guard, post(
                "{ items(first: 10) { ...F } } fragment F on Item { id name }"));

        assertThat(r.message()).isEqualTo("query complexity 21 exceeds the limit of 20");
    }

    @Test
    void refusesFragmentCycleQuickly() {
        long start = System.nanoTime();
        GuardResult.Rejected r = rejected(ROOMY, post(
                "{ a { ...A } } fragment A on T { x { ...B } } fragment B on T { y { ...A } }"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.GRAPHQL_VALIDATION_FAILED);
        assertThat(r.message()).isEqualTo("fragment A spreads itself: A -> B -> A (expected: no fragment cycles)");
    }

    @Test
    void refusesExponentiallyExpandingFragmentsQuicklyByComplexity() {
        // F0 spreads F1 twice, F1 spreads F2 twice, ...: 2^40 fields once expanded.
        StringBuilder query = new StringBuilder("{ ...F0 }");
        for (int i = 0; i < 40; i++) {
            query.append(" fragment F").append(i).append(" on Q { f { ...F").append(i + 1)
                    .append(" } g { ...F").append(i + 1).append(" } }");
        }
        query.append(" fragment F40 on Q { leaf }");
        QueryGuard guard = new QueryGuard(limits(1000, 2000, 10, true));

        long start = System.nanoTime();
        GuardResult.Rejected r = rejected(guard, post(query.toString()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.MAX_COMPLEXITY_EXCEEDED);
    }

    @Test
    void refusesALongChainOfFragmentsBeforeItExhaustsTheStack() {
        StringBuilder query = new StringBuilder("{ ...F0 }");
        for (int i = 0; i < 1000; i++) {
            query.append(" fragment F").append(i).append(" on Q { ...F").append(i + 1).append(" }");
        }
        query.append(" fragment F1000 on Q { leaf }");

        GuardResult.Rejected r = rejected(ROOMY, post(query.toString()));

        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.MAX_DEPTH_EXCEEDED);
        assertThat(r.message()).contains("more than " + QueryShape.MAX_WALK_LEVELS + " levels");
    }

    @Test
    void refusesVeryDeepNestingAtParseTime() {
        String query = "{ a".repeat(400) + " }".repeat(400);

        GuardResult.Rejected r = rejected(ROOMY, post(query));

        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.GRAPHQL_PARSE_FAILED);
    }

    @Test
    void refusesSpreadOfUndefinedFragment() {
        GuardResult.Rejected r = rejected(ROOMY, post("{ a { ...Missing } }"));

        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.GRAPHQL_VALIDATION_FAILED);
        assertThat(r.message()).isEqualTo("fragment Missing is spread but not defined");
    }

    @Test
    void refusesIntrospectionWhenDisabledButAllowsTypename() {
        QueryGuard guard = new QueryGuard(limits(10, 1000, 10, false));

        accepted(guard, post("{ user { __typename name } }"));
        GuardResult.Rejected schema = rejected(guard, post("{ __schema { types { name } } }"));
        assertThat(schema.code()).isEqualTo(GraphQLErrorCodes.INTROSPECTION_DISABLED);
        assertThat(rejected(guard, post("{ ...F } fragment F on Query { __type(name: \"User\") { name } }")).code())
                .isEqualTo(GraphQLErrorCodes.INTROSPECTION_DISABLED);
    }

    @Test
    void allowsIntrospectionWhenEnabled() {
        accepted(new QueryGuard(limits(10, 1000, 10, true)), post("{ __schema { types { name } } }"));
    }

    @Test
    void reportsParseErrorsWithLineAndColumn() {
        GuardResult.Rejected r = rejected(ROOMY, post("{\n  user(id: ) { name }\n}"));

        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.GRAPHQL_PARSE_FAILED);
        assertThat(r.message()).startsWith("Syntax error at 2:");
    }

    @Test
    void refusesDocumentsWithTooManyTokensAsParseFailure() {
        String query = "{ " + "a ".repeat(20_000) + "}";

        GuardResult.Rejected r = rejected(ROOMY, post(query));

        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.GRAPHQL_PARSE_FAILED);
    }

    @Test
    void measuresOnlyTheOperationThatRuns() {
        QueryGuard guard = new QueryGuard(limits(2, 1000, 10, true));
        String document = "query Small { a } query Deep { a { b { c } } }";

        accepted(guard, new GraphQLRequest(document, "Small", Map.of(), Map.of(), false));
        assertThat(rejected(guard, new GraphQLRequest(document, "Deep", Map.of(), Map.of(), false)).code())
                .isEqualTo(GraphQLErrorCodes.MAX_DEPTH_EXCEEDED);
    }

    @Test
    void refusesUnknownOrAmbiguousOperation() {
        String document = "query A { a } query B { b }";

        GuardResult.Rejected ambiguous = rejected(ROOMY, post(document));
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.code()).isEqualTo(GraphQLErrorCodes.BAD_REQUEST);
        assertThat(ambiguous.message()).isEqualTo("operationName: missing (expected: one of A, B, as the document has 2 operations)");

        GuardResult.Rejected unknown = rejected(ROOMY, new GraphQLRequest(document, "C", Map.of(), Map.of(), false));
        assertThat(unknown.message()).isEqualTo("operationName: C is not an operation of the document (operations: A, B)");
    }

    @Test
    void refusesMutationOverGetWith405() {
        GuardResult.Rejected r = rejected(ROOMY, new GraphQLRequest("mutation { delete }", null, Map.of(), Map.of(), true));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.code()).isEqualTo(GraphQLErrorCodes.METHOD_NOT_ALLOWED);
        accepted(ROOMY, new GraphQLRequest("mutation { delete }", null, Map.of(), Map.of(), false));
        accepted(ROOMY, new GraphQLRequest("{ read }", null, Map.of(), Map.of(), true));
    }

    @Test
    void acceptedResultCarriesTheParsedDocumentAndItsText() {
        GuardResult result = ROOMY.check(post("{ a }"));

        GuardResult.Accepted accepted = (GuardResult.Accepted) result;
        assertThat(accepted.query()).isEqualTo("{ a }");
        assertThat(accepted.document().getDefinitions()).hasSize(1);
        assertThat(accepted.expandedFromHash()).isFalse();
    }
}
