package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.graphql.SchemaCheck;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig.PersistedQueryMode;
import dev.archway.gatewayapi.model.GraphQLLimits;
import dev.archway.gatewayapi.model.PersistedQueries;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code limits} and {@code persistedQueries} (of a GraphQLApi or of {@code TrafficPolicy.graphql})
 * to a {@link GraphQLProtectionConfig} with every default filled in.
 */
final class GraphQLProtections {
    /** The data plane buffers at most this much of a request body; a larger limit could never apply. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private GraphQLProtections() {}

    /**
     * @param at the field path of the section's parent, e.g. {@code spec} or {@code spec.graphql}
     * @param schema checks registered queries against a schema; null: they are only parsed
     * @return the config, or null when problems were added
     */
    static GraphQLProtectionConfig compile(GraphQLLimits limits, PersistedQueries persisted, String at,
            SchemaCheck schema, List<String> problems) {
        int before = problems.size();
        GraphQLLimits l = limits == null ? new GraphQLLimits(null, null, null, null, null) : limits;
        int depth = positive(l.maxDepth(), GraphQLProtectionConfig.DEFAULT_MAX_DEPTH, at + ".limits.maxDepth", problems);
        int complexity = positive(l.maxComplexity(), GraphQLProtectionConfig.DEFAULT_MAX_COMPLEXITY,
                at + ".limits.maxComplexity", problems);
        int aliases = positive(l.maxAliases(), GraphQLProtectionConfig.DEFAULT_MAX_ALIASES, at + ".limits.maxAliases",
                problems);
        int bytes = positive(l.maxRequestBytes(), GraphQLProtectionConfig.DEFAULT_MAX_REQUEST_BYTES,
                at + ".limits.maxRequestBytes", problems);
        if (bytes > MAX_REQUEST_BYTES) {
            problems.add(at + ".limits.maxRequestBytes: " + bytes + " (expected: at most " + MAX_REQUEST_BYTES
                    + ", the most the gateway buffers)");
        }
        PersistedQueries p = persisted == null ? new PersistedQueries(null, null, null) : persisted;
        String pAt = at + ".persistedQueries";
        PersistedQueryMode mode = switch (p.mode() == null ? "Optional" : p.mode()) {
            case "Optional" -> PersistedQueryMode.OPTIONAL;
            case "Required" -> PersistedQueryMode.REQUIRED;
            case "Disabled" -> PersistedQueryMode.DISABLED;
            default -> {
                problems.add(pAt + ".mode: " + p.mode() + " (expected: Optional, Required or Disabled)");
                yield PersistedQueryMode.OPTIONAL;
            }
        };
        List<String> queries = p.queries() == null ? List.of() : p.queries();
        if (mode == PersistedQueryMode.REQUIRED && queries.isEmpty()) {
            problems.add(pAt + ".queries: empty (expected: the allow-list of queries, which Required mode needs)");
        }
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i);
            String qAt = pAt + ".queries[" + i + "]";
            if (q == null || q.isBlank()) {
                problems.add(qAt + ": empty (expected: a GraphQL query)");
                continue;
            }
            List<String> found = schema != null ? schema.checkQuery(q) : parseProblems(q);
            found.forEach(f -> problems.add(qAt + ":" + f));
            registered.add(q);
        }
        int cacheSize = positive(p.cacheSize(), GraphQLProtectionConfig.DEFAULT_APQ_CACHE_SIZE, pAt + ".cacheSize",
                problems);
        if (problems.size() > before) {
            return null;
        }
        return new GraphQLProtectionConfig(depth, complexity, aliases, l.introspection() == null || l.introspection(),
                bytes, mode, registered, cacheSize);
    }

    private static List<String> parseProblems(String query) {
        try {
            Parser.parse(query);
            return List.of();
        } catch (InvalidSyntaxException e) {
            var loc = e.getLocation();
            return List.of(loc == null ? e.getMessage() : loc.getLine() + ":" + loc.getColumn() + ": " + e.getMessage());
        }
    }

    private static int positive(Integer value, int fallback, String at, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            problems.add(at + ": " + value + " (expected: at least 1)");
        }
        return value;
    }
}
