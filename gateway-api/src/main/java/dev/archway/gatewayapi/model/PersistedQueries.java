package dev.archway.gatewayapi.model;

import java.util.List;

/**
 * Persisted queries for a {@link GraphQLApi} or {@code TrafficPolicy.graphql}.
 *
 * @param mode {@code Optional} (Apollo's Automatic Persisted Queries: a client may send a query's
 *     sha256 instead of its text once the gateway has seen it), {@code Required} (an allow-list: only
 *     {@code queries} run, by text or by hash) or {@code Disabled}
 * @param queries the registered queries (the allow-list in {@code Required} mode; known in advance in
 *     {@code Optional} mode)
 * @param cacheSize how many queries learnt through APQ are kept; absent: 10000
 */
public record PersistedQueries(String mode, List<String> queries, Integer cacheSize) {}
