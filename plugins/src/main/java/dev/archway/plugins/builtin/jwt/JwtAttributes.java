package dev.archway.plugins.builtin.jwt;

import dev.archway.plugins.spi.AttributeKey;

/** Per-request state the JWT filter leaves for the filters after it. */
public final class JwtAttributes {

    /** Set when a token was verified; absent (null) when an optional token was not sent. */
    public static final AttributeKey<JwtPrincipal> PRINCIPAL = AttributeKey.of("archway.jwt.principal",
            JwtPrincipal.class);

    private JwtAttributes() {}
}
