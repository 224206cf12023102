package dev.archway.extauth.server.config;

/**
 * One named entry of {@code spec.configs}: how a request is authenticated when the gateway
 * asks for this name. Exactly one mode per entry.
 */
public sealed interface AuthConfig permits ApiKeyAuth, BasicAuth, IntrospectionAuth, ChainAuth {
    /** The name the gateway selects it by ({@code contextExtensions: {config: NAME}}). */
    String name();
}
