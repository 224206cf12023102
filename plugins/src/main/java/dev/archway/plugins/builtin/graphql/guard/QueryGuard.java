package dev.archway.plugins.builtin.graphql.guard;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig.PersistedQueryMode;
import dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes;
import dev.archway.plugins.builtin.graphql.request.GraphQLRequest;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks GraphQL requests against one {@link GraphQLProtectionConfig}: persisted queries, parsing
 * with bounded work, the operation's method, introspection, depth, aliases and complexity, in that
 * order. Built once per config and shared by every event loop: it holds no per-request state, and
 * its one mutable part, the APQ store, is thread-safe.
 */
public final class QueryGuard {

    /**
     * The most query text the APQ store keeps, in characters (each one or two bytes in memory):
     * 10,000 typical queries of a few kilobytes fit, while clients registering queries of the
     * largest allowed size cannot make one filter hold gigabytes.
     */
    static final long MAX_STORED_CHARS = 32L * 1024 * 1024;

    private final GraphQLProtectionConfig config;
    private final PersistedQueries persisted;

    public QueryGuard(GraphQLProtectionConfig config) {
        this.config = requireNonNull(config, "config");
        this.persisted = new PersistedQueries(config.persistedQueries(), config.registeredQueries(),
                new PersistedQueryStore(Math.max(1, config.apqCacheSize()), MAX_STORED_CHARS));
    }

    /**
     * Problems with {@code config}, each naming its field; empty when it is good. The translator
     * already checks most of this; a config from elsewhere (a test, a third-party source) gets the
     * same checks here.
     */
    public static List<String> validate(GraphQLProtectionConfig config) {
        List<String> problems = new ArrayList<>();
        atLeastOne("maxDepth", config.maxDepth(), problems);
        atLeastOne("maxComplexity", config.maxComplexity(), problems);
        atLeastOne("maxAliases", config.maxAliases(), problems);
        atLeastOne("maxRequestBytes", config.maxRequestBytes(), problems);
        atLeastOne("apqCacheSize", config.apqCacheSize(), problems);
        if (config.persistedQueries() == null) {
            problems.add("persistedQueries: missing (expected: OPTIONAL, REQUIRED or DISABLED)");
        }
        List<String> registered = config.registeredQueries();
        if (config.persistedQueries() == PersistedQueryMode.REQUIRED && registered.isEmpty()) {
            problems.add("registeredQueries: empty (expected: at least one query, as persistedQueries is REQUIRED)");
        }
        for (int i = 0; i < registered.size(); i++) {
            String query = registered.get(i);
            if (query == null || query.isBlank()) {
                problems.add("registeredQueries[" + i + "]: empty (expected: a GraphQL document)");
                continue;
            }
            try {
                QueryParser.parse(query);
            } catch (Refusal e) {
                problems.add("registeredQueries[" + i + "]: " + e.getMessage() + " (expected: a GraphQL document)");
            }
        }
        return problems;
    }

    /** Decides whether {@code request} may run. Never throws for anything a client can send. */
    public GuardResult check(GraphQLRequest request) {
        requireNonNull(request, "request");
        try {
            PersistedQueries.Resolved resolved = persisted.resolve(request);
            Document document = QueryParser.parse(resolved.query());
            OperationDefinition operation = QueryShape.operation(document, request.operationName());
            if (request.viaGet() && operation.getOperation() != OperationDefinition.Operation.QUERY) {
                throw new Refusal(405, GraphQLErrorCodes.METHOD_NOT_ALLOWED, "a "
                        + operation.getOperation().name().toLowerCase(Locale.ROOT)
                        + " cannot be sent with GET (expected: POST; GET may only run queries)");
            }
            checkLimits(QueryShape.measure(document, operation, request.variables()));
            if (resolved.learn() != null) {
                persisted.learn(resolved.learn(), resolved.query());
            }
            return new GuardResult.Accepted(document, resolved.query(), resolved.expandedFromHash());
        } catch (Refusal refusal) {
            return refusal.rejected();
        }
    }

    private void checkLimits(QueryShape.Measure measure) throws Refusal {
        if (measure.introspection() && !config.introspection()) {
            throw new Refusal(400, GraphQLErrorCodes.INTROSPECTION_DISABLED,
                    "introspection (__schema, __type) is disabled here");
        }
        if (measure.depth() > config.maxDepth()) {
            throw new Refusal(400, GraphQLErrorCodes.MAX_DEPTH_EXCEEDED,
                    "query depth " + measure.depth() + " exceeds the limit of " + config.maxDepth());
        }
        if (measure.aliases() > config.maxAliases()) {
            throw new Refusal(400, GraphQLErrorCodes.MAX_ALIASES_EXCEEDED,
                    "query aliases " + measure.aliases() + " exceed the limit of " + config.maxAliases());
        }
        if (measure.complexity() > config.maxComplexity()) {
            throw new Refusal(400, GraphQLErrorCodes.MAX_COMPLEXITY_EXCEEDED,
                    "query complexity " + count(measure.complexity()) + " exceeds the limit of "
                            + config.maxComplexity());
        }
    }

    /** A saturated total is shown as what it is, not as a made-up exact number. */
    private static String count(long value) {
        return value == Long.MAX_VALUE ? "over " + Long.MAX_VALUE : Long.toString(value);
    }

    private static void atLeastOne(String field, int value, List<String> problems) {
        if (value < 1) {
            problems.add(field + ": " + value + " (expected: at least 1)");
        }
    }

    /** For tests: how many queries the APQ store holds. */
    int storedQueries() {
        return persisted.storedQueries();
    }
}
