package dev.archway.gatewayapi.ir.filters;

/**
 * Gateway API HTTPPathModifier, resolved for one route match.
 *
 * @param value the full path, or the replacement of the matched prefix
 * @param matchedPrefix for {@link PathModifierType#REPLACE_PREFIX_MATCH}: the route's PathPrefix
 *     value (normalized, without trailing slash), which the filter replaces
 */
public record PathModifier(PathModifierType type, String value, String matchedPrefix) {}
