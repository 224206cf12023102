package dev.archway.plugins.builtin.jwt;

import dev.archway.gatewayapi.ir.filters.JwtConfig;
import dev.archway.gatewayapi.ir.filters.JwtConfig.ClaimToHeader;
import dev.archway.gatewayapi.ir.filters.JwtConfig.HeaderSource;
import dev.archway.gatewayapi.ir.filters.JwtConfig.Provider;
import dev.archway.gatewayapi.ir.filters.JwtConfig.RemoteJwks;
import dev.archway.gatewayapi.ir.filters.JwtConfig.RequiredClaim;
import dev.archway.gatewayapi.ir.filters.JwtConfig.TokenSource;
import dev.archway.plugins.builtin.internal.HttpSyntax;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The problems of a {@link JwtConfig}, each naming its field, e.g. {@code providers[1].jwks}. */
final class JwtConfigCheck {

    private JwtConfigCheck() {}

    static List<String> problems(JwtConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.providers().isEmpty()) {
            problems.add("providers: empty (expected: at least one provider)");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.providers().size(); i++) {
            String field = "providers[" + i + "]";
            Provider provider = config.providers().get(i);
            if (provider == null) {
                problems.add(field + ": missing (expected: a provider)");
                continue;
            }
            if (provider.name() == null || provider.name().isEmpty()) {
                problems.add(field + ".name: missing (expected: a name unique in this policy)");
            } else if (!names.add(provider.name())) {
                problems.add(field + ".name: '" + provider.name() + "' is used twice (expected: unique names)");
            }
            checkProvider(field, provider, problems);
        }
        if (config.mode() == JwtConfig.Mode.OPTIONAL && !config.requiredClaims().isEmpty()) {
            problems.add("requiredClaims: cannot be used with mode Optional (a request without a token would pass"
                    + " without them; expected: mode Strict, or no requiredClaims)");
        }
        for (int i = 0; i < config.requiredClaims().size(); i++) {
            RequiredClaim claim = config.requiredClaims().get(i);
            String field = "requiredClaims[" + i + "]";
            if (claim == null || claim.name() == null || claim.name().isEmpty()) {
                problems.add(field + ".name: missing (expected: a claim name or dotted path such as scope)");
            } else if (claim.values().stream().anyMatch(v -> v == null)) {
                problems.add(field + ".values: contains null (expected: strings)");
            }
        }
        return problems;
    }

    private static void checkProvider(String field, Provider provider, List<String> problems) {
        if (provider.issuer() != null && provider.issuer().isEmpty()) {
            problems.add(field + ".issuer: empty (expected: the iss value, or unset for any)");
        }
        for (int i = 0; i < provider.audiences().size(); i++) {
            String audience = provider.audiences().get(i);
            if (audience == null || audience.isEmpty()) {
                problems.add(field + ".audiences[" + i + "]: empty (expected: an aud value)");
            }
        }
        if (provider.clockSkew() != null && provider.clockSkew().isNegative()) {
            problems.add(field + ".clockSkew: " + provider.clockSkew() + " (expected: >= 0)");
        }
        checkJwks(field + ".jwks", provider.jwks(), problems);
        checkTokenSource(field + ".tokenSource", provider.tokenSource(), problems);
        for (int i = 0; i < provider.claimsToHeaders().size(); i++) {
            ClaimToHeader mapping = provider.claimsToHeaders().get(i);
            String mappingField = field + ".claimsToHeaders[" + i + "]";
            if (mapping == null || mapping.claim() == null || mapping.claim().isEmpty()) {
                problems.add(mappingField + ".claim: missing (expected: a claim name or dotted path such as org.id)");
            } else if (!HttpSyntax.isToken(mapping.header())) {
                problems.add(mappingField + ".header: '" + mapping.header()
                        + "' is not a valid header name (expected: an HTTP token such as x-user-id)");
            } else if (RESERVED_HEADERS.contains(mapping.header().toLowerCase(Locale.ROOT))
                    || tokenHeader(provider, mapping.header())) {
                // Claim headers are removed from every request first: naming one of these would
                // break framing, routing or the token itself.
                problems.add(mappingField + ".header: '" + mapping.header() + "' is reserved (expected: a header"
                        + " of your own such as x-user-id, not a hop-by-hop, framing, host, cookie or token header)");
            }
        }
    }

    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "proxy-authorization",
            "cookie", "authorization", "expect", "content-type", "content-encoding");

    private static boolean tokenHeader(Provider provider, String header) {
        TokenSource source = provider.tokenSource() == null ? TokenSource.DEFAULT : provider.tokenSource();
        return source.headers().stream().anyMatch(h -> h != null && header.equalsIgnoreCase(h.name()));
    }

    private static void checkJwks(String field, JwtConfig.Jwks jwks, List<String> problems) {
        if (jwks == null || (jwks.inline() == null) == (jwks.remote() == null)) {
            problems.add(field + ": " + (jwks == null || jwks.inline() == null ? "none" : "both")
                    + " of inline and remote set (expected: exactly one)");
            return;
        }
        if (jwks.inline() != null) {
            try {
                JwkKeys.parse(jwks.inline());
            } catch (IllegalArgumentException e) {
                problems.add(field + ".inline: " + e.getMessage());
            }
            return;
        }
        RemoteJwks remote = jwks.remote();
        if (!isHttpUrl(remote.url())) {
            problems.add(field + ".remote.url: " + remote.url()
                    + " is not http(s) (expected: an http or https URL with a host)");
        }
        Duration cache = remote.cacheDuration();
        if (cache != null && (cache.isNegative() || cache.isZero() || cache.toMillis() == 0)) {
            problems.add(field + ".remote.cacheDuration: " + cache + " (expected: > 0)");
        }
    }

    private static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkTokenSource(String field, TokenSource source, List<String> problems) {
        if (source == null) {
            return; // the default: Authorization: Bearer
        }
        if (source.headers().isEmpty() && source.queryParams().isEmpty() && source.cookies().isEmpty()) {
            problems.add(field + ": empty (expected: at least one header, query parameter or cookie)");
        }
        for (int i = 0; i < source.headers().size(); i++) {
            HeaderSource header = source.headers().get(i);
            if (header == null || !HttpSyntax.isToken(header.name())) {
                problems.add(field + ".headers[" + i + "].name: '" + (header == null ? null : header.name())
                        + "' is not a valid header name (expected: an HTTP token such as authorization)");
            }
        }
        checkNames(field + ".queryParams", source.queryParams(), "a query parameter name", problems);
        checkNames(field + ".cookies", source.cookies(), "a cookie name", problems);
    }

    private static void checkNames(String field, List<String> names, String expected, List<String> problems) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || names.get(i).isEmpty()) {
                problems.add(field + "[" + i + "]: empty (expected: " + expected + ")");
            }
        }
    }
}
