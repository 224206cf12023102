package dev.archway.gatewayapi.model;

/**
 * {@code TrafficPolicy.graphql}: protection for a GraphQL service behind the gateway. Requests are
 * parsed at the gateway and refused with GraphQL-shaped errors before they reach it.
 *
 * @param limits absent: only the defaults of {@link GraphQLLimits}
 * @param persistedQueries absent: {@code Optional}; the gateway answers APQ itself and forwards full
 *     queries, so a hash-only request can never skip the limits
 */
public record GraphQLPolicy(GraphQLLimits limits, PersistedQueries persistedQueries) {}
