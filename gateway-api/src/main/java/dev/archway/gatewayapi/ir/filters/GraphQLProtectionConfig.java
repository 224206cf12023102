package dev.archway.gatewayapi.ir.filters;

import java.util.List;

/**
 * What a GraphQL request may do, checked at the gateway before it runs or goes upstream. The
 * translator fills in every default, so each limit here is a positive number.
 *
 * @param maxDepth the deepest field nesting, fragments expanded
 * @param maxComplexity fields counted once each, times the {@code first}/{@code last}/{@code limit}
 *     argument of the list field above them
 * @param maxAliases aliased fields in the document
 * @param introspection whether {@code __schema} and {@code __type} may be queried
 * @param maxRequestBytes the largest request body (or query string)
 * @param persistedQueries how {@code extensions.persistedQuery} is handled
 * @param registeredQueries query texts known in advance (the allow-list in {@code REQUIRED} mode)
 * @param apqCacheSize how many queries learnt through APQ are kept
 */
public record GraphQLProtectionConfig(
        int maxDepth,
        int maxComplexity,
        int maxAliases,
        boolean introspection,
        int maxRequestBytes,
        PersistedQueryMode persistedQueries,
        List<String> registeredQueries,
        int apqCacheSize) {

    public static final int DEFAULT_MAX_DEPTH = 15;
    public static final int DEFAULT_MAX_COMPLEXITY = 2000;
    public static final int DEFAULT_MAX_ALIASES = 30;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
    public static final int DEFAULT_APQ_CACHE_SIZE = 10_000;

    public GraphQLProtectionConfig {
        registeredQueries = List.copyOf(registeredQueries);
    }

    /** How a request's {@code extensions.persistedQuery} (Apollo APQ, version 1) is handled. */
    public enum PersistedQueryMode {
        /** APQ: a hash the gateway has seen stands for its query; a full query with its hash is learnt. */
        OPTIONAL,
        /** Allow-list: only registered queries run, sent by text or by hash. */
        REQUIRED,
        /** Hash-only requests are refused; full queries run as usual. */
        DISABLED
    }
}
