package dev.archway.plugins.builtin.graphql.guard;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig.PersistedQueryMode;
import dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes;
import dev.archway.plugins.builtin.graphql.request.GraphQLRequest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a request into the query text to check, by the persisted-query mode: Apollo APQ version 1
 * ({@code extensions.persistedQuery: {version: 1, sha256Hash: "<hex>"}}), an allow-list, or neither.
 * Registered queries are known by hash in every mode.
 */
final class PersistedQueries {

    /**
     * What the request stands for.
     *
     * @param query the text to parse
     * @param expandedFromHash whether the request sent only the hash
     * @param learn the hash to remember {@code query} under once it passed every check, or null
     */
    record Resolved(String query, boolean expandedFromHash, String learn) {}

    private final PersistedQueryMode mode;
    private final Map<String, String> registered;
    private final PersistedQueryStore store;

    PersistedQueries(PersistedQueryMode mode, List<String> registeredQueries, PersistedQueryStore store) {
        this.mode = requireNonNull(mode, "mode");
        this.store = requireNonNull(store, "store");
        Map<String, String> byHash = new HashMap<>();
        for (String query : registeredQueries) {
            byHash.putIfAbsent(PersistedQueryStore.sha256(query), query);
        }
        this.registered = Map.copyOf(byHash);
    }

    Resolved resolve(GraphQLRequest request) throws Refusal {
        String query = request.query() == null || request.query().isEmpty() ? null : request.query();
        Object persisted = request.persistedQuery();
        if (query == null && persisted == null) {
            throw new Refusal(400, GraphQLErrorCodes.BAD_REQUEST,
                    "query: missing (expected: a GraphQL document, or extensions.persistedQuery)");
        }
        if (persisted == null) {
            if (mode == PersistedQueryMode.REQUIRED && !registered.containsKey(PersistedQueryStore.sha256(query))) {
                throw notAllowed();
            }
            return new Resolved(query, false, null);
        }
        if (mode == PersistedQueryMode.DISABLED) {
            if (query == null) {
                throw new Refusal(200, GraphQLErrorCodes.PERSISTED_QUERY_NOT_SUPPORTED,
                        GraphQLErrorCodes.PERSISTED_QUERY_NOT_SUPPORTED_MESSAGE);
            }
            // The gateway does not do APQ here: the query runs and the extension goes on untouched.
            return new Resolved(query, false, null);
        }
        String hash = hashOf(persisted);
        if (query != null) {
            if (!PersistedQueryStore.sha256(query).equals(hash)) {
                throw new Refusal(400, GraphQLErrorCodes.PERSISTED_QUERY_HASH_MISMATCH,
                        GraphQLErrorCodes.PERSISTED_QUERY_HASH_MISMATCH_MESSAGE);
            }
            if (registered.containsKey(hash)) {
                return new Resolved(query, false, null);
            }
            if (mode == PersistedQueryMode.REQUIRED) {
                throw notAllowed();
            }
            return new Resolved(query, false, hash);
        }
        String known = registered.get(hash);
        if (known != null) {
            return new Resolved(known, true, null);
        }
        if (mode == PersistedQueryMode.REQUIRED) {
            throw notAllowed();
        }
        known = store.get(hash);
        if (known == null) {
            throw new Refusal(200, GraphQLErrorCodes.PERSISTED_QUERY_NOT_FOUND,
                    GraphQLErrorCodes.PERSISTED_QUERY_NOT_FOUND_MESSAGE);
        }
        return new Resolved(known, true, null);
    }

    /** Remembers a query that passed every check (OPTIONAL mode only learns). */
    void learn(String hash, String query) {
        store.put(hash, query);
    }

    int storedQueries() {
        return store.size();
    }

    /** The lower-case sha256 of a well-formed version 1 {@code persistedQuery}, or a 400. */
    private static String hashOf(Object persisted) throws Refusal {
        String at = "extensions.persistedQuery";
        if (!(persisted instanceof Map<?, ?> map)) {
            throw badRequest(at + ": not an object (expected: {\"version\": 1, \"sha256Hash\": \"<hex>\"})");
        }
        Object version = map.get("version");
        if (!isOne(version)) {
            throw badRequest(at + ".version: " + (version == null ? "missing" : version)
                    + " (expected: 1, the only APQ version)");
        }
        Object hash = map.get("sha256Hash");
        if (!(hash instanceof String hex) || !isSha256Hex(hex)) {
            throw badRequest(at + ".sha256Hash: " + describe(hash) + " (expected: 64 hexadecimal digits)");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static boolean isOne(Object version) {
        if (version instanceof Integer || version instanceof Long) {
            return ((Number) version).longValue() == 1;
        }
        return version instanceof BigDecimal decimal && decimal.compareTo(BigDecimal.ONE) == 0;
    }

    private static boolean isSha256Hex(String hex) {
        if (hex.length() != 64) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Object hash) {
        if (hash == null) {
            return "missing";
        }
        return hash instanceof String s ? "a string of " + s.length() + " characters" : "not a string";
    }

    private static Refusal notAllowed() {
        return new Refusal(403, GraphQLErrorCodes.PERSISTED_QUERY_NOT_ALLOWED,
                "the query is not one of the registered queries (persisted queries are required here)");
    }

    private static Refusal badRequest(String message) {
        return new Refusal(400, GraphQLErrorCodes.BAD_REQUEST, message);
    }
}
