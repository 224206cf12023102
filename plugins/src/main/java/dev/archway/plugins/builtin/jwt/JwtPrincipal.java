package dev.archway.plugins.builtin.jwt;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Who a verified token says the caller is; read by later filters (rate limiting by claim,
 * transformations) through {@link JwtAttributes#PRINCIPAL}.
 *
 * @param provider the name of the provider whose keys verified the token
 * @param claims the token's claims as JSON values (String, Long, Double, Boolean, List, Map;
 *     {@code exp}, {@code nbf} and {@code iat} in seconds since the epoch), unmodifiable
 */
public record JwtPrincipal(String provider, Map<String, Object> claims) {
    public JwtPrincipal {
        requireNonNull(provider, "provider");
        requireNonNull(claims, "claims");
    }

    /** The claim at a dotted path such as {@code org.id}, or null when absent. */
    public Object claim(String path) {
        return ClaimPaths.find(claims, requireNonNull(path, "path"));
    }
}
