package dev.archway.plugins.builtin.graphql.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig.PersistedQueryMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryGuardValidationTest {

    @Test
    void acceptsTheDefaults() {
        assertThat(QueryGuard.validate(new GraphQLProtectionConfig(GraphQLProtectionConfig.DEFAULT_MAX_DEPTH,
                GraphQLProtectionConfig.DEFAULT_MAX_COMPLEXITY, GraphQLProtectionConfig.DEFAULT_MAX_ALIASES, true,
                GraphQLProtectionConfig.DEFAULT_MAX_REQUEST_BYTES, PersistedQueryMode.OPTIONAL, List.of(),
                GraphQLProtectionConfig.DEFAULT_APQ_CACHE_SIZE))).isEmpty();
    }

    @Test
    void namesEveryLimitThatIsNotPositive() {
        List<String> problems = QueryGuard.validate(
                new GraphQLProtectionConfig(0, -1, 0, true, 0, PersistedQueryMode.OPTIONAL, List.of(), 0));

        assertThat(problems).containsExactly(
                "maxDepth: 0 (expected: at least 1)",
                "maxComplexity: -1 (expected: at least 1)",
                "maxAliases: 0 (expected: at least 1)",
                "maxRequestBytes: 0 (expected: at least 1)",
                "apqCacheSize: 0 (expected: at least 1)");
    }

    @Test
    void requiredModeNeedsRegisteredQueries() {
        List<String> problems = QueryGuard.validate(
                new GraphQLProtectionConfig(5, 5, 5, true, 5, PersistedQueryMode.REQUIRED, List.of(), 5));

        assertThat(problems).containsExactly(
                "registeredQueries: empty (expected: at least one query, as persistedQueries is REQUIRED)");
    }

    @Test
    void registeredQueriesMustParse() {
        List<String> problems = QueryGuard.validate(new GraphQLProtectionConfig(5, 5, 5, true, 5,
                PersistedQueryMode.OPTIONAL, List.of("{ ok }", "{ broken(", " "), 5));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("registeredQueries[1]: Syntax error at 1:").endsWith("(expected: a GraphQL document)");
        assertThat(problems.get(1)).isEqualTo("registeredQueries[2]: empty (expected: a GraphQL document)");
    }
}
