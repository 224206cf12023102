package dev.archway.plugins.builtin.graphql.protect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig.PersistedQueryMode;
import dev.archway.plugins.registry.FilterRegistry;
import dev.archway.plugins.spi.FilterStage;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphQLProtectionFactoryTest {

    @Test
    void isTheBuiltInForGraphQLProtectionInTheUserStage() {
        FilterRegistry registry = FilterRegistry.withBuiltIns();

        assertThat(registry.find(FilterKinds.GRAPHQL_PROTECTION)).get().isInstanceOf(GraphQLProtectionFactory.class);
        assertThat(new GraphQLProtectionFactory().stage()).isEqualTo(FilterStage.USER);
        assertThat(new GraphQLProtectionFactory().configType()).isEqualTo(GraphQLProtectionConfig.class);
    }

    @Test
    void validationNamesTheFieldAndWhatWasExpected() {
        GraphQLProtectionConfig config = new GraphQLProtectionConfig(0, 10, 10, true, 1024,
                PersistedQueryMode.REQUIRED, List.of(), 10);

        assertThat(FilterRegistry.withBuiltIns().validate(FilterKinds.GRAPHQL_PROTECTION, config)).containsExactly(
                "maxDepth: 0 (expected: at least 1)",
                "registeredQueries: empty (expected: at least one query, as persistedQueries is REQUIRED)");
    }
}
