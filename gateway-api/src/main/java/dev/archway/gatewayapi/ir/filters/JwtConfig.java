package dev.archway.gatewayapi.ir.filters;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.util.List;

/**
 * JSON Web Token authentication ({@code TrafficPolicy.jwt}): a request passes when its token is
 * valid for any of the providers and carries every required claim.
 *
 * @param mode {@link Mode#STRICT}: a token is required; {@link Mode#OPTIONAL}: a request without a
 *     token passes, one with a bad token does not
 * @param providers tried in order; never empty
 * @param requiredClaims all must hold on the token that passed (403 otherwise)
 */
public record JwtConfig(Mode mode, List<Provider> providers, List<RequiredClaim> requiredClaims) {
    public JwtConfig {
        providers = List.copyOf(providers);
        requiredClaims = List.copyOf(requiredClaims);
    }

    /** Whether a request must carry a token. */
    public enum Mode {
        STRICT,
        OPTIONAL
    }

    /**
     * One identity provider.
     *
     * @param issuer the required {@code iss}, or null for any
     * @param audiences one of them must be in {@code aud}; empty for any
     * @param jwks where the verification keys come from
     * @param tokenSource where the token is looked for, in order: headers, query parameters, cookies
     * @param claimsToHeaders claims copied to request headers (client-sent copies are removed first)
     * @param forwardToken keep the token on the upstream request (removed otherwise)
     * @param clockSkew tolerance for {@code exp} and {@code nbf}
     */
    public record Provider(
            String name,
            String issuer,
            List<String> audiences,
            Jwks jwks,
            TokenSource tokenSource,
            List<ClaimToHeader> claimsToHeaders,
            boolean forwardToken,
            @JsonSerialize(using = ToStringSerializer.class) Duration clockSkew) {
        public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

        public Provider {
            audiences = List.copyOf(audiences);
            claimsToHeaders = List.copyOf(claimsToHeaders);
        }
    }

    /**
     * Verification keys: exactly one of {@code inline} (a JWK set as JSON; a Secret's content is
     * resolved into it by the translator) and {@code remote}.
     */
    public record Jwks(@JsonSerialize(using = SecretText.class) String inline, RemoteJwks remote) {}

    /**
     * A JWK set fetched over HTTP(S), cached for {@code cacheDuration} and refreshed in the background.
     */
    public record RemoteJwks(String url, @JsonSerialize(using = ToStringSerializer.class) Duration cacheDuration) {
        public static final Duration DEFAULT_CACHE_DURATION = Duration.ofMinutes(5);
    }

    /** Where a token may be found; the first place that has one is used. */
    public record TokenSource(List<HeaderSource> headers, List<String> queryParams, List<String> cookies) {
        /** {@code Authorization: Bearer <token>}. */
        public static final TokenSource DEFAULT =
                new TokenSource(List.of(new HeaderSource("authorization", "Bearer ")), List.of(), List.of());

        public TokenSource {
            headers = List.copyOf(headers);
            queryParams = List.copyOf(queryParams);
            cookies = List.copyOf(cookies);
        }
    }

    /** A header holding the token after {@code prefix} (may be empty). */
    public record HeaderSource(String name, String prefix) {}

    /** Claim {@code claim} (dotted path for nested objects, e.g. {@code org.id}) to {@code header}. */
    public record ClaimToHeader(String claim, String header) {}

    /**
     * Claim {@code name} (dotted path) must hold one of {@code values}; for an array claim, or a
     * space-separated string such as {@code scope}, one of its items must. Empty values: present.
     */
    public record RequiredClaim(String name, List<String> values) {
        public RequiredClaim {
            values = List.copyOf(values);
        }
    }
}
