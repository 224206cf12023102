package dev.archway.gatewayapi.model;

import java.util.List;

/** {@code TrafficPolicy.spec.jwt}, as written by users. */
public record JwtPolicy(String mode, List<Provider> providers, List<RequiredClaim> requiredClaims) {

    /** An identity provider. Durations are Gateway API duration strings (e.g. {@code 30s}, {@code 5m}). */
    public record Provider(
            String name,
            String issuer,
            List<String> audiences,
            Jwks jwks,
            TokenSource tokenSource,
            List<ClaimToHeader> claimsToHeaders,
            Boolean forwardToken,
            String clockSkew) {}

    /** Exactly one of remote, inline and secretRef. */
    public record Jwks(Remote remote, String inline, SecretRef secretRef) {}

    public record Remote(String url, String cacheDuration) {}

    /** A key of a Secret in the policy's namespace. */
    public record SecretRef(String name, String key) {}

    public record TokenSource(List<HeaderSource> headers, List<String> queryParams, List<String> cookies) {}

    public record HeaderSource(String name, String prefix) {}

    public record ClaimToHeader(String claim, String header) {}

    public record RequiredClaim(String name, List<String> values) {}
}
