package dev.archway.plugins.builtin.jwt;

import static dev.archway.plugins.builtin.jwt.JwtFixtures.EC;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.ED;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.HMAC;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.RSA;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.allKeys;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.claims;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.provider;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.rs256;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.sign;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.strict;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.validToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.archway.gatewayapi.ir.filters.JwtConfig;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.RecordingMetrics;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter with inline keys: every way a token is accepted or refused. */
class JwtFilterTest {
    private static final String INVALID = "Bearer realm=\"archway\", error=\"invalid_token\"";

    private static HttpFilter filter(JwtConfig config) {
        return new JwtFilterFactory().create(config, TestBuildContext.empty());
    }

    private static HttpFilter filter() {
        return filter(strict(provider("idp", allKeys())));
    }

    private static TestFilterContext bearer(String token) {
        return new TestFilterContext(TestRequest.get("http://api.example/orders")
                .header("authorization", "Bearer " + token));
    }

    private static LocalReply rejected(HttpFilter filter, TestFilterContext ctx) {
        return Steps.reply(filter.onRequestHeaders(ctx));
    }

    private static void assertInvalid(HttpFilter filter, String token) {
        LocalReply reply = rejected(filter, bearer(token));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().get("www-authenticate")).isEqualTo(INVALID);
        assertThat(reply.body().toString()).isEqualTo("Jwt verification fails\n");
    }

    @Test
    void passesValidTokenAndExposesPrincipal() {
        TestFilterContext ctx = bearer(validToken());

        assertThat(Steps.isNext(filter().onRequestHeaders(ctx))).isTrue();

        JwtPrincipal principal = ctx.attributes().get(JwtAttributes.PRINCIPAL);
        assertThat(principal.provider()).isEqualTo("idp");
        assertThat(principal.claim("sub")).isEqualTo("alice");
        assertThat(ctx.request().headers().get("authorization")).startsWith("Bearer ");
    }

    @Test
    void passesEverySupportedAlgorithmFamily() {
        HttpFilter filter = filter();
        List<String> tokens = List.of(
                sign(JWSAlgorithm.RS512, RSA, claims().build()),
                sign(JWSAlgorithm.PS256, RSA, claims().build()),
                sign(JWSAlgorithm.ES256, EC, claims().build()),
                ED.sign(claims().build()),
                sign(JWSAlgorithm.HS256, HMAC, claims().build()));

        for (String token : tokens) {
            assertThat(Steps.isNext(filter.onRequestHeaders(bearer(token)))).as(token).isTrue();
        }
    }

    @Test
    void returns401MissingWhenNoTokenIsSent() {
        LocalReply reply = rejected(filter(), new TestFilterContext(TestRequest.get("http://api.example/")));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().get("www-authenticate")).isEqualTo("Bearer realm=\"archway\"");
        assertThat(reply.body().toString()).isEqualTo("Jwt is missing\n");
    }

    @Test
    void returns401MissingWhenAuthorizationIsNotBearer() {
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://api.example/")
                .header("authorization", "Basic YWxpY2U6c2VjcmV0"));

        assertThat(rejected(filter(), ctx).headers().get("www-authenticate")).isEqualTo("Bearer realm=\"archway\"");
    }

    @Test
    void returns401WhenTokenIsMalformed() {
        assertInvalid(filter(), "not-a-jwt");
        assertInvalid(filter(), "a.b.c");
    }

    @Test
    void returns401WhenSignatureDoesNotVerify() {
        RSAKey impostor = JwtFixtures.generateRsa(RSA.getKeyID());
        assertInvalid(filter(), sign(JWSAlgorithm.RS256, impostor, claims().build()));
    }

    @Test
    void returns401WhenPayloadIsTamperedWith() {
        String[] parts = validToken().split("\\.");
        String forged = parts[0] + "." + Base64URL.encode(claims().subject("admin").build().toString()) + "."
                + parts[2];
        assertInvalid(filter(), forged);
    }

    @Test
    void returns401WhenIssuerIsWrong() {
        assertInvalid(filter(), rs256(claims().issuer("https://evil.example").build()));
    }

    @Test
    void returns401WhenAudienceIsWrong() {
        assertInvalid(filter(), rs256(claims().audience(List.of("other", "billing")).build()));
    }

    @Test
    void passesWhenAnyAudienceMatches() {
        String token = rs256(claims().audience(List.of("other", JwtFixtures.AUDIENCE)).build());
        assertThat(Steps.isNext(filter().onRequestHeaders(bearer(token)))).isTrue();
    }

    @Test
    void returns401WhenTokenIsExpired() {
        assertInvalid(filter(), rs256(claims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build()));
    }

    @Test
    void passesExpiredTokenWithinClockSkew() {
        String token = rs256(claims().expirationTime(Date.from(Instant.now().minusSeconds(30))).build());
        assertThat(Steps.isNext(filter().onRequestHeaders(bearer(token)))).isTrue();
    }

    @Test
    void returns401WhenTokenIsNotYetValid() {
        assertInvalid(filter(), rs256(claims().notBeforeTime(Date.from(Instant.now().plusSeconds(120))).build()));
    }

    @Test
    void passesTokenWithoutExpiry() {
        String token = rs256(claims().expirationTime(null).build());
        assertThat(Steps.isNext(filter().onRequestHeaders(bearer(token)))).isTrue();
    }

    @Test
    void returns401WhenAlgIsNone() {
        String unsecured = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"rsa-1\"}") + "."
                + Base64URL.encode(claims().build().toString()) + ".";
        assertInvalid(filter(), unsecured);
    }

    @Test
    void returns401WhenHmacTokenIsSignedWithTheRsaPublicKey() throws JOSEException {
        // The classic confusion: a verifier that lets the token pick HS256 would use the public key as secret.
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(RSA.getKeyID()).build(),
                claims().build());
        jwt.sign(new MACSigner(RSA.toRSAPublicKey().getEncoded()));
        HttpFilter rsaOnly = filter(strict(provider("idp", JwtFixtures.jwks(RSA))));

        assertInvalid(rsaOnly, jwt.serialize());
    }

    @Test
    void returns401WhenRsaTokenNamesAnHmacKey() {
        // An RSA-signed token carrying the kid of an oct key must not reach the HMAC verifier.
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(HMAC.getKeyID()).build(), RSA,
                claims().build());
        assertInvalid(filter(strict(provider("idp", JwtFixtures.jwks(HMAC)))), token);
    }

    @Test
    void returns401WhenAlgDiffersFromTheAlgPinnedByTheKey() {
        RSAKey pinned = new RSAKey.Builder(RSA).algorithm(JWSAlgorithm.RS256).build();
        HttpFilter filter = filter(strict(provider("idp", JwtFixtures.jwks(pinned))));

        assertInvalid(filter, sign(JWSAlgorithm.PS256, RSA, claims().build()));
        assertThat(Steps.isNext(filter.onRequestHeaders(bearer(validToken())))).isTrue();
    }

    @Test
    void returns401WhenKidIsUnknown() {
        assertInvalid(filter(), sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("nobody").build(), RSA,
                claims().build()));
    }

    @Test
    void triesCompatibleKeysWhenTokenHasNoKid() {
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), EC, claims().build());
        assertThat(Steps.isNext(filter().onRequestHeaders(bearer(token)))).isTrue();
    }

    @Test
    void acceptsLowerCaseBearerPrefix() {
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://api.example/")
                .header("authorization", "bearer " + validToken()));
        assertThat(Steps.isNext(filter().onRequestHeaders(ctx))).isTrue();
    }

    @Test
    void passesTokenOfTheSecondProvider() {
        HttpFilter filter = filter(strict(provider("first", JwtFixtures.jwks(EC)), provider("second",
                JwtFixtures.jwks(RSA))));
        TestFilterContext ctx = bearer(validToken());

        assertThat(Steps.isNext(filter.onRequestHeaders(ctx))).isTrue();
        assertThat(ctx.attributes().get(JwtAttributes.PRINCIPAL).provider()).isEqualTo("second");
    }

    @Test
    void reportsEachDecisionWithAFixedReasonToTheFilterMetrics() {
        RecordingMetrics metrics = new RecordingMetrics();
        JwtConfig config = new JwtConfig(JwtConfig.Mode.STRICT, List.of(provider("idp", allKeys())),
                List.of(new JwtConfig.RequiredClaim("scope", List.of("orders:write"))));
        HttpFilter filter = new JwtFilterFactory().create(config, metrics.around(TestBuildContext.empty()));

        filter.onRequestHeaders(bearer(rs256(claims().claim("scope", "orders:write").build())));
        filter.onRequestHeaders(new TestFilterContext(TestRequest.get("http://api.example/")));
        filter.onRequestHeaders(bearer("not-a-jwt"));
        filter.onRequestHeaders(bearer(rs256(claims().claim("scope", "orders:read").build())));

        assertThat(metrics.events()).containsExactly("allowed", "denied:missing_token", "denied:invalid_token",
                "denied:required_claim");
    }

    @Test
    void splitsOnlyScopeClaimsOnSpacesSoAGuestAdminIsNoAdmin() {
        JwtConfig config = new JwtConfig(JwtConfig.Mode.STRICT, List.of(provider("idp", allKeys())),
                List.of(new JwtConfig.RequiredClaim("role", List.of("admin"))));

        LocalReply reply = rejected(filter(config), bearer(rs256(claims().claim("role", "guest admin").build())));

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void filtersBuiltFromOneConfigShareOneOutcomeCacheUntilTheLastCloses() {
        JwtFilterFactory factory = new JwtFilterFactory();
        JwtConfig config = strict(provider("idp", allKeys()));
        HttpFilter first = factory.create(config, TestBuildContext.empty());
        HttpFilter second = factory.create(config, TestBuildContext.empty());
        String token = validToken();

        assertThat(Steps.isNext(first.onRequestHeaders(bearer(token)))).isTrue();
        assertThat(Steps.isNext(second.onRequestHeaders(bearer(token)))).isTrue();

        // The second route's filter found the first one's verdict: one signature check in all.
        assertThat(((JwtFilter) first).signatureChecks() + ((JwtFilter) second).signatureChecks()).isEqualTo(1);
        assertThat(factory.sharedCaches()).isEqualTo(1);
        first.close();
        assertThat(factory.sharedCaches()).isEqualTo(1);
        second.close();
        assertThat(factory.sharedCaches()).isZero();
    }

    @Test
    void returns403WithInsufficientScopeWhenRequiredClaimIsMissing() {
        JwtConfig config = new JwtConfig(JwtConfig.Mode.STRICT, List.of(provider("idp", allKeys())),
                List.of(new JwtConfig.RequiredClaim("scope", List.of("orders:write"))));

        LocalReply reply = rejected(filter(config), bearer(rs256(claims().claim("scope", "orders:read").build())));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers().get("www-authenticate"))
                .isEqualTo("Bearer realm=\"archway\", error=\"insufficient_scope\"");
    }

    @Test
    void passesRequiredClaimsFromSpaceSeparatedStringsArraysAndNestedPaths() {
        JwtConfig config = new JwtConfig(JwtConfig.Mode.STRICT, List.of(provider("idp", allKeys())), List.of(
                new JwtConfig.RequiredClaim("scope", List.of("orders:write")),
                new JwtConfig.RequiredClaim("roles", List.of("admin", "ops")),
                new JwtConfig.RequiredClaim("org.tier", List.of("gold")),
                new JwtConfig.RequiredClaim("email_verified", List.of("true")),
                new JwtConfig.RequiredClaim("tenant", List.of())));
        HttpFilter filter = filter(config);
        String token = rs256(claims()
                .claim("scope", "orders:read orders:write")
                .claim("roles", List.of("user", "ops"))
                .claim("org", Map.of("tier", "gold"))
                .claim("email_verified", true)
                .claim("tenant", "t1")
                .build());
        String withoutTenant = rs256(claims()
                .claim("scope", "orders:write")
                .claim("roles", List.of("admin"))
                .claim("org", Map.of("tier", "gold"))
                .claim("email_verified", true)
                .build());

        assertThat(Steps.isNext(filter.onRequestHeaders(bearer(token)))).isTrue();
        assertThat(rejected(filter, bearer(withoutTenant)).status()).isEqualTo(403);
    }

    @Test
    void optionalModePassesRequestWithoutTokenButStripsClaimHeaders() {
        JwtConfig.Provider p = JwtFixtures.withClaimsToHeaders(provider("idp", allKeys()),
                new JwtConfig.ClaimToHeader("sub", "x-user"));
        HttpFilter filter = filter(new JwtConfig(JwtConfig.Mode.OPTIONAL, List.of(p), List.of()));
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://api.example/")
                .header("x-user", "admin"));

        assertThat(Steps.isNext(filter.onRequestHeaders(ctx))).isTrue();
        assertThat(ctx.request().headers().contains("x-user")).isFalse();
        assertThat(ctx.attributes().get(JwtAttributes.PRINCIPAL)).isNull();
    }

    @Test
    void optionalModeRejectsInvalidToken() {
        HttpFilter filter = filter(new JwtConfig(JwtConfig.Mode.OPTIONAL, List.of(provider("idp", allKeys())),
                List.of()));
        assertInvalid(filter, rs256(claims().issuer("https://evil.example").build()));
    }

    @Test
    void copiesClaimsToHeadersReplacingClientSentCopies() {
        JwtConfig.Provider p = JwtFixtures.withClaimsToHeaders(provider("idp", allKeys()),
                new JwtConfig.ClaimToHeader("sub", "x-user"),
                new JwtConfig.ClaimToHeader("org.id", "x-org"),
                new JwtConfig.ClaimToHeader("level", "x-level"),
                new JwtConfig.ClaimToHeader("roles", "x-roles"),
                new JwtConfig.ClaimToHeader("org", "x-org-json"),
                new JwtConfig.ClaimToHeader("missing", "x-missing"));
        String token = rs256(claims()
                .claim("org", Map.of("id", "acme"))
                .claim("level", 3)
                .claim("roles", List.of("a", "b"))
                .build());
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://api.example/")
                .header("authorization", "Bearer " + token)
                .header("x-user", "mallory")
                .header("x-user", "admin")
                .header("x-missing", "forged"));

        assertThat(Steps.isNext(filter(strict(p)).onRequestHeaders(ctx))).isTrue();

        assertThat(ctx.request().headers().getAll("x-user")).containsExactly("alice");
        assertThat(ctx.request().headers().get("x-org")).isEqualTo("acme");
        assertThat(ctx.request().headers().get("x-level")).isEqualTo("3");
        assertThat(ctx.request().headers().get("x-roles")).isEqualTo("[\"a\",\"b\"]");
        assertThat(ctx.request().headers().get("x-org-json")).isEqualTo("{\"id\":\"acme\"}");
        assertThat(ctx.request().headers().contains("x-missing")).isFalse();
    }

    @Test
    void stripsClientSentClaimHeadersWhenTokenIsRejected() {
        JwtConfig.Provider p = JwtFixtures.withClaimsToHeaders(provider("idp", allKeys()),
                new JwtConfig.ClaimToHeader("sub", "x-user"));
        TestFilterContext ctx = bearer("garbage");
        ctx.request().header("x-user", "admin");

        filter(strict(p)).onRequestHeaders(ctx);

        assertThat(ctx.request().headers().contains("x-user")).isFalse();
    }

    @Test
    void removesTokenHeaderWhenNotForwarded() {
        TestFilterContext ctx = bearer(validToken());
        ctx.request().header("x-other", "kept");

        filter(strict(JwtFixtures.withoutForwarding(provider("idp", allKeys())))).onRequestHeaders(ctx);

        assertThat(ctx.request().headers().contains("authorization")).isFalse();
        assertThat(ctx.request().headers().get("x-other")).isEqualTo("kept");
    }

    @Test
    void readsTokenFromQueryParameterAndRemovesOnlyThatParameter() {
        JwtConfig.Provider p = JwtFixtures.withoutForwarding(JwtFixtures.withTokenSource(provider("idp", allKeys()),
                new JwtConfig.TokenSource(List.of(), List.of("access_token"), List.of())));
        TestFilterContext ctx = new TestFilterContext(TestRequest.get(
                "http://api.example/orders?page=2&access_token=" + validToken() + "&sort=asc"));

        assertThat(Steps.isNext(filter(strict(p)).onRequestHeaders(ctx))).isTrue();
        assertThat(ctx.request().query()).isEqualTo("page=2&sort=asc");
    }

    @Test
    void readsTokenFromCookieAndRemovesOnlyThatCookie() {
        JwtConfig.Provider p = JwtFixtures.withoutForwarding(JwtFixtures.withTokenSource(provider("idp", allKeys()),
                new JwtConfig.TokenSource(List.of(), List.of(), List.of("session"))));
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://api.example/")
                .header("cookie", "theme=dark; session=" + validToken() + "; lang=en"));

        assertThat(Steps.isNext(filter(strict(p)).onRequestHeaders(ctx))).isTrue();
        assertThat(ctx.request().headers().getAll("cookie")).containsExactly("theme=dark; lang=en");
    }

    @Test
    void keepsQueryTokenWhenForwarded() {
        JwtConfig.Provider p = JwtFixtures.withTokenSource(provider("idp", allKeys()),
                new JwtConfig.TokenSource(List.of(), List.of("access_token"), List.of()));
        String token = validToken();
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://api.example/?access_token=" + token));

        assertThat(Steps.isNext(filter(strict(p)).onRequestHeaders(ctx))).isTrue();
        assertThat(ctx.request().query()).isEqualTo("access_token=" + token);
    }

    @Test
    void verifiesSignatureOnceForARepeatedTokenAndStillAppliesClaimHeaders() {
        JwtConfig.Provider p = JwtFixtures.withClaimsToHeaders(provider("idp", allKeys()),
                new JwtConfig.ClaimToHeader("sub", "x-user"));
        JwtFilter filter = (JwtFilter) filter(strict(p));
        String token = validToken();

        for (int i = 0; i < 3; i++) {
            TestFilterContext ctx = bearer(token);
            ctx.request().header("x-user", "admin");
            assertThat(Steps.isNext(filter.onRequestHeaders(ctx))).isTrue();
            assertThat(ctx.request().headers().getAll("x-user")).containsExactly("alice");
            assertThat(ctx.attributes().get(JwtAttributes.PRINCIPAL).claim("sub")).isEqualTo("alice");
        }
        assertThat(filter.signatureChecks()).isEqualTo(1);
    }

    @Test
    void appliesRequiredClaimsOnCacheHits() {
        JwtConfig config = new JwtConfig(JwtConfig.Mode.STRICT, List.of(provider("idp", allKeys())),
                List.of(new JwtConfig.RequiredClaim("scope", List.of("admin"))));
        JwtFilter filter = (JwtFilter) filter(config);
        String token = validToken();

        assertThat(rejected(filter, bearer(token)).status()).isEqualTo(403);
        assertThat(rejected(filter, bearer(token)).status()).isEqualTo(403);
        assertThat(filter.signatureChecks()).isEqualTo(1);
    }

    @Test
    void doesNotCacheRejectedTokens() {
        JwtFilter filter = (JwtFilter) filter();
        String token = rs256(claims().issuer("https://evil.example").build());

        assertInvalid(filter, token);
        assertInvalid(filter, token);

        assertThat(filter.signatureChecks()).isEqualTo(2);
    }

    @Test
    void factoryDeclaresKindAndStage() {
        JwtFilterFactory factory = new JwtFilterFactory();
        assertThat(factory.kind()).isEqualTo("archway.dev/jwt");
        assertThat(factory.stage()).isEqualTo(dev.archway.plugins.spi.FilterStage.AUTHN);
        assertThat(dev.archway.plugins.registry.FilterRegistry.withBuiltIns().find("archway.dev/jwt")).isPresent();
    }
}
