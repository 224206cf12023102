package dev.archway.gatewayapi.model;

/**
 * What a GraphQL request may cost, for a {@link GraphQLApi} and for {@code TrafficPolicy.graphql}.
 * Every field is optional.
 *
 * @param maxDepth the deepest field nesting, fragments expanded
 * @param maxComplexity fields counted once each, times the {@code first}/{@code last}/{@code limit}
 *     argument of the list field above them
 * @param maxAliases aliased fields in the whole document
 * @param introspection whether {@code __schema} and {@code __type} may be queried
 * @param maxRequestBytes the largest request body (or query string) accepted
 */
public record GraphQLLimits(Integer maxDepth, Integer maxComplexity, Integer maxAliases, Boolean introspection,
        Integer maxRequestBytes) {}
