package dev.archway.plugins.builtin.jwt;

import static dev.archway.plugins.builtin.jwt.JwtFixtures.allKeys;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.provider;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.strict;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.withClaimsToHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.Base64URL;
import dev.archway.gatewayapi.ir.filters.JwtConfig;
import dev.archway.gatewayapi.ir.filters.JwtConfig.Jwks;
import dev.archway.gatewayapi.ir.filters.JwtConfig.Provider;
import dev.archway.gatewayapi.ir.filters.JwtConfig.RemoteJwks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config errors name the field and what was expected, before any filter is built. */
class JwtConfigValidationTest {
    private final JwtFilterFactory factory = new JwtFilterFactory();

    private static Provider remote(String name, String url, Duration cacheDuration) {
        return provider(name, new Jwks(null, new RemoteJwks(url, cacheDuration)));
    }

    @Test
    void acceptsInlineAndRemoteProviders() {
        JwtConfig config = strict(provider("inline", allKeys()),
                remote("remote", "https://idp.example/.well-known/jwks.json", Duration.ofMinutes(5)));

        assertThat(factory.validate(config)).isEmpty();
    }

    @Test
    void rejectsRequiredClaimsInOptionalModeWhereAnAnonymousRequestWouldSkipThem() {
        JwtConfig config = new JwtConfig(JwtConfig.Mode.OPTIONAL, List.of(provider("idp", allKeys())),
                List.of(new JwtConfig.RequiredClaim("scope", List.of("admin"))));

        assertThat(factory.validate(config)).singleElement().asString()
                .startsWith("requiredClaims: cannot be used with mode Optional");
    }

    @Test
    void rejectsClaimHeadersThatWouldBreakFramingRoutingOrTheTokenItself() {
        for (String header : List.of("Host", "content-length", "transfer-encoding", "cookie", "authorization")) {
            JwtConfig config = strict(withClaimsToHeaders(provider("idp", allKeys()),
                    new JwtConfig.ClaimToHeader("sub", header)));

            assertThat(factory.validate(config)).as(header).singleElement().asString()
                    .startsWith("providers[0].claimsToHeaders[0].header: '" + header + "' is reserved");
        }
    }

    @Test
    void rejectsEmptyProviders() {
        assertThat(factory.validate(strict())).containsExactly("providers: empty (expected: at least one provider)");
    }

    @Test
    void rejectsDuplicateProviderNames() {
        assertThat(factory.validate(strict(provider("idp", allKeys()), provider("idp", allKeys()))))
                .containsExactly("providers[1].name: 'idp' is used twice (expected: unique names)");
    }

    @Test
    void rejectsJwksWithBothOrNeitherSource() {
        Provider both = provider("both", new Jwks(allKeys(), new RemoteJwks("https://idp.example/jwks", null)));
        Provider neither = provider("neither", new Jwks(null, null));

        assertThat(factory.validate(strict(both, neither))).containsExactly(
                "providers[0].jwks: both of inline and remote set (expected: exactly one)",
                "providers[1].jwks: none of inline and remote set (expected: exactly one)");
    }

    @Test
    void rejectsUnparsableInlineJwks() {
        assertThat(factory.validate(strict(provider("ok", allKeys()), provider("bad", "{not json"))))
                .singleElement().asString().startsWith("providers[1].jwks.inline: not valid JSON");
    }

    @Test
    void rejectsInlineJwksWithoutUsableKey() {
        OctetSequenceKey shortSecret = new OctetSequenceKey.Builder(Base64URL.encode(new byte[16])).keyID("k").build();
        String jwks = "{\"keys\":[" + shortSecret.toJSONString() + "]}";

        assertThat(factory.validate(strict(provider("idp", jwks)))).singleElement().asString()
                .startsWith("providers[0].jwks.inline: has no usable key")
                .contains("fewer than 256");
        assertThat(factory.validate(strict(provider("idp", "{\"keys\":[]}")))).singleElement().asString()
                .startsWith("providers[0].jwks.inline: has no usable key");
    }

    @Test
    void rejectsNonHttpUrlAndNonPositiveCacheDuration() {
        assertThat(factory.validate(strict(remote("idp", "ftp://idp.example/jwks", Duration.ZERO)))).containsExactly(
                "providers[0].jwks.remote.url: ftp://idp.example/jwks is not http(s) (expected: an http or https URL"
                        + " with a host)",
                "providers[0].jwks.remote.cacheDuration: PT0S (expected: > 0)");
    }

    @Test
    void rejectsNegativeClockSkew() {
        Provider p = provider("idp", allKeys());
        Provider skewed = new Provider(p.name(), p.issuer(), p.audiences(), p.jwks(), null, List.of(), true,
                Duration.ofSeconds(-1));

        assertThat(factory.validate(strict(skewed))).containsExactly("providers[0].clockSkew: PT-1S (expected: >= 0)");
    }

    @Test
    void rejectsInvalidHeaderNames() {
        Provider p = JwtFixtures.withClaimsToHeaders(JwtFixtures.withTokenSource(provider("idp", allKeys()),
                        new JwtConfig.TokenSource(List.of(new JwtConfig.HeaderSource("bad header", "")), List.of(""),
                                List.of())),
                new JwtConfig.ClaimToHeader("sub", "x user"));

        assertThat(factory.validate(strict(p))).containsExactly(
                "providers[0].tokenSource.headers[0].name: 'bad header' is not a valid header name (expected: an HTTP"
                        + " token such as authorization)",
                "providers[0].tokenSource.queryParams[0]: empty (expected: a query parameter name)",
                "providers[0].claimsToHeaders[0].header: 'x user' is not a valid header name (expected: an HTTP token"
                        + " such as x-user-id)");
    }

    @Test
    void rejectsRequiredClaimWithoutName() {
        JwtConfig config = new JwtConfig(JwtConfig.Mode.STRICT, List.of(provider("idp", allKeys())),
                List.of(new JwtConfig.RequiredClaim("", List.of("x"))));

        assertThat(factory.validate(config)).containsExactly(
                "requiredClaims[0].name: missing (expected: a claim name or dotted path such as scope)");
    }
}
