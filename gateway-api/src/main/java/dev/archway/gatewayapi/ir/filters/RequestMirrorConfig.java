package dev.archway.gatewayapi.ir.filters;

/**
 * Gateway API HTTPRequestMirrorFilter: a copy of a share of requests goes to {@code cluster}, and
 * its response is ignored.
 *
 * @param numerator with {@code denominator}, the share of requests mirrored (1/1 = all)
 */
public record RequestMirrorConfig(String cluster, int numerator, int denominator) {}
