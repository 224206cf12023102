package dev.archway.gatewayapi.model;

/**
 * {@code TrafficPolicy.graphql}: protection for a GraphQL service behind the gateway. Requests are
 * parsed at the gateway and refused with GraphQL-shaped errors before they reach it.
 *
 * @param limits absent: only the defaults of {@link GraphQLLimits}
 * @param persistedQueries absent: persisted queries are passed through untouched
 */
public record GraphQLPolicy(GraphQLLimits limits, PersistedQueries persistedQueries) {}
