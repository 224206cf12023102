/**
 * {@code TrafficPolicy.graphql}: GraphQL limits and persisted queries in front of a GraphQL
 * upstream. Refused requests get GraphQL-shaped errors from the gateway; accepted ones go on, with
 * a persisted query the gateway resolved written out in full for the upstream.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.graphql.protect.GraphQLProtectionFactory}
 * (kind {@code archway.dev/graphql-protection}, stage USER) and {@code GraphQLProtectionFilter}.
 * The checks themselves live in {@code builtin.graphql.guard}, the HTTP side in
 * {@code builtin.graphql.request}; the GraphQLApi filter uses the same two.
 */
package dev.archway.plugins.builtin.graphql.protect;
