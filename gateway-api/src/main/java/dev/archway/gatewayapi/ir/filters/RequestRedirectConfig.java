package dev.archway.gatewayapi.ir.filters;

/**
 * Gateway API HTTPRequestRedirectFilter. Null fields keep the request's value.
 *
 * @param port the redirect port; null derives it as the spec says (the scheme's well-known port
 *     when the scheme is set, else the listener's port)
 */
public record RequestRedirectConfig(String scheme, String hostname, Integer port, PathModifier path, int statusCode) {}
