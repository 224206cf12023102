package dev.archway.plugins.builtin.jwt;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.archway.gatewayapi.ir.filters.JwtConfig.ClaimToHeader;
import dev.archway.gatewayapi.ir.filters.JwtConfig.RequiredClaim;
import dev.archway.plugins.builtin.jwt.TokenLocator.Found;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.FilterMetrics;
import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the request's token against each provider in turn; the first provider that verifies
 * it wins. Replies are deliberately terse: the precise reason a token failed helps an attacker
 * more than a client, so it goes to the debug log only.
 *
 * <pre>
 *  strip claim headers ─► find token ─► none: 401 (strict) or next (optional)
 *                             │
 *                  cache hit or verify (kid, alg, signature, iss, aud, exp, nbf)
 *                             │                       └─ keys missing / unknown kid: await a fetch, verify again
 *                  required claims (403) ─► principal, claim headers, token removed ─► next
 * </pre>
 */
final class JwtFilter implements HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(JwtFilter.class);
    /** Far beyond any real token; a bigger one is refused before it is hashed or parsed. */
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    /** The reason when a provider never got its keys: the IdP is down, not the token bad. */
    private static final String NO_KEYS = "no keys fetched yet";

    /** One provider, ready to serve. */
    record Provider(String name, String issuer, List<String> audiences, long clockSkewMillis, TokenLocator locator,
            KeySource keys, List<ClaimToHeader> claimsToHeaders, boolean forwardToken) {}

    /** The result of one provider's check: passed (principal), a key fetch to wait for, or failed (reason). */
    private record Attempt(JwtPrincipal principal, Future<Void> fetch, String reason) {
        static Attempt failed(String reason) {
            return new Attempt(null, null, reason);
        }
    }

    private final boolean optional;
    private final List<Provider> providers;
    private final List<RequiredClaim> requiredClaims;
    private final Set<String> claimHeaders = new LinkedHashSet<>();
    private final VerifiedTokenCache cache;
    private final LongAdder signatureChecks = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Decisions by fixed reason words: missing_token, invalid_token, required_claim. */
    private final FilterMetrics metrics;
    private final Runnable releaseCache;

    /** @param releaseCache called once on {@link #close()}: the cache may be shared with other filters */
    JwtFilter(boolean optional, List<Provider> providers, List<RequiredClaim> requiredClaims,
            VerifiedTokenCache cache, FilterMetrics metrics, Runnable releaseCache) {
        this.releaseCache = requireNonNull(releaseCache, "releaseCache");
        this.metrics = requireNonNull(metrics, "metrics");
        this.optional = optional;
        this.providers = List.copyOf(providers);
        this.requiredClaims = List.copyOf(requiredClaims);
        this.cache = requireNonNull(cache, "cache");
        for (Provider provider : providers) {
            provider.claimsToHeaders().forEach(c -> claimHeaders.add(c.header()));
        }
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        // First of all: a client must never be able to pose as someone by sending these itself.
        MultiMap headers = ctx.request().headers();
        claimHeaders.forEach(headers::remove);
        return decide(ctx, true);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            providers.forEach(provider -> provider.keys().release());
            releaseCache.run();
        }
    }

    /** Tokens whose signature was checked (not answered from the cache); for tests. */
    long signatureChecks() {
        return signatureChecks.sum();
    }

    /** @param mayWait whether a missing key may still be waited for (false on the second pass) */
    private FilterStep decide(HttpFilterContext ctx, boolean mayWait) {
        long now = System.currentTimeMillis();
        boolean sawToken = false;
        Future<Void> pending = null;
        List<String> reasons = new ArrayList<>();
        Found inQuery = null;
        int withoutKeys = 0;
        int tried = 0;
        for (int i = 0; i < providers.size(); i++) {
            Provider provider = providers.get(i);
            Found found = provider.locator().find(ctx.request());
            if (found == null) {
                continue;
            }
            sawToken = true;
            if (found.place() == TokenLocator.Place.QUERY) {
                inQuery = found;
            }
            Attempt attempt = verify(i, provider, found.token(), now, mayWait);
            if (attempt.principal() != null) {
                return accept(ctx, provider, found, attempt.principal());
            }
            if (attempt.fetch() != null && pending == null) {
                pending = attempt.fetch();
            }
            reasons.add(provider.name() + ": " + attempt.reason());
            tried++;
            if (attempt.reason() == NO_KEYS) {
                withoutKeys++;
            }
        }
        if (!sawToken) {
            if (optional) {
                metrics.allowed();
                return FilterStep.next();
            }
            metrics.denied("missing_token");
            LOG.debug("{}: no token", ctx.routeName());
            return FilterStep.reply(unauthorized("Jwt is missing", "Bearer realm=\"archway\""));
        }
        if (pending != null) {
            return FilterStep.await(verifyAgainAfter(pending, ctx));
        }
        if (withoutKeys == tried) {
            // Every provider that could judge the token has no keys: an outage for the operator.
            metrics.failed("jwks_unavailable");
        } else {
            metrics.denied("invalid_token");
        }
        if (inQuery != null) {
            // Not forwarded anyway; removed so that the access log does not keep a credential.
            TokenLocator.remove(ctx.request(), inQuery);
        }
        LOG.debug("{}: token rejected: {}", ctx.routeName(), reasons);
        return FilterStep.reply(unauthorized("Jwt verification fails",
                "Bearer realm=\"archway\", error=\"invalid_token\""));
    }

    private Future<FilterStep> verifyAgainAfter(Future<Void> fetch, HttpFilterContext ctx) {
        Promise<FilterStep> step = Promise.promise();
        fetch.onComplete(ignored -> ctx.eventLoop().runOnContext(v -> {
            try {
                step.complete(decide(ctx, false));
            } catch (RuntimeException e) {
                step.fail(e);
            }
        }));
        return step.future();
    }

    private Attempt verify(int index, Provider provider, String token, long now, boolean mayWait) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return Attempt.failed("longer than " + MAX_TOKEN_CHARS + " characters");
        }
        String cacheKey = VerifiedTokenCache.keyOf(token);
        VerifiedTokenCache.Entry hit = cache.get(cacheKey, now);
        if (hit != null && hit.provider() == index) {
            return new Attempt(hit.principal(), null, null);
        }
        SignedJWT jwt;
        try {
            // A JWS header with alg "none" does not parse: unsecured tokens never get further.
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return Attempt.failed("malformed (" + e.getMessage() + ")");
        }
        JwkKeys keys = provider.keys().current();
        if (keys == null) {
            return waitOrFail(provider, mayWait, NO_KEYS);
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        JwkKeys.Selection selection = keys.select(jwt.getHeader().getKeyID(), alg);
        boolean verified = false;
        if (!selection.candidates().isEmpty()) {
            signatureChecks.increment();
            for (JwkKeys.Key key : selection.candidates()) {
                if (JwkKeys.verify(key, jwt)) {
                    verified = true;
                    break;
                }
            }
        }
        if (!verified) {
            if (selection.unknownKid()) {
                return waitOrFail(provider, mayWait, "unknown kid " + jwt.getHeader().getKeyID());
            }
            return Attempt.failed(selection.candidates().isEmpty() ? "no key accepts alg " + alg
                    : "signature does not verify (alg " + alg + ")");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Attempt.failed("claims malformed (" + e.getMessage() + ")");
        }
        String problem = claimsProblem(provider, claims, now);
        if (problem != null) {
            return Attempt.failed(problem);
        }
        JwtPrincipal principal = new JwtPrincipal(provider.name(), ClaimPaths.freeze(claims.toJSONObject()));
        Date exp = claims.getExpirationTime();
        cache.put(cacheKey, index, principal, exp == null ? null : exp.getTime(), now);
        return new Attempt(principal, null, null);
    }

    private static Attempt waitOrFail(Provider provider, boolean mayWait, String reason) {
        Future<Void> fetch = mayWait ? provider.keys().refetch() : null;
        return fetch != null ? new Attempt(null, fetch, reason) : Attempt.failed(reason);
    }

    /**
     * The first problem with the claims, or null. A token without {@code exp} is accepted, as
     * RFC 7519 makes the claim optional; providers that issue such tokens rely on other checks.
     */
    private static String claimsProblem(Provider provider, JWTClaimsSet claims, long now) {
        if (provider.issuer() != null && !provider.issuer().equals(claims.getIssuer())) {
            return "iss " + claims.getIssuer() + " is not " + provider.issuer();
        }
        if (!provider.audiences().isEmpty()
                && claims.getAudience().stream().noneMatch(provider.audiences()::contains)) {
            return "aud " + claims.getAudience() + " has none of " + provider.audiences();
        }
        Date exp = claims.getExpirationTime();
        if (exp != null && now > exp.getTime() + provider.clockSkewMillis()) {
            return "expired at " + exp.toInstant();
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now + provider.clockSkewMillis() < nbf.getTime()) {
            return "not valid before " + nbf.toInstant();
        }
        return null;
    }

    private FilterStep accept(HttpFilterContext ctx, Provider provider, Found found, JwtPrincipal principal) {
        for (RequiredClaim required : requiredClaims) {
            if (!ClaimPaths.holds(required.name(), principal.claim(required.name()), required.values())) {
                LOG.debug("{}: token of {} lacks required claim {}", ctx.routeName(), provider.name(),
                        required.name());
                metrics.denied("required_claim");
                LocalReply reply = LocalReply.text(403, "Jwt lacks a required claim");
                reply.headers().set("www-authenticate", "Bearer realm=\"archway\", error=\"insufficient_scope\"");
                return FilterStep.reply(reply);
            }
        }
        ctx.attributes().set(JwtAttributes.PRINCIPAL, principal);
        MultiMap headers = ctx.request().headers();
        for (ClaimToHeader mapping : provider.claimsToHeaders()) {
            String value = ClaimPaths.headerValue(principal.claim(mapping.claim()));
            if (value != null) {
                headers.set(mapping.header(), value);
            }
        }
        if (!provider.forwardToken()) {
            TokenLocator.remove(ctx.request(), found);
        }
        metrics.allowed();
        return FilterStep.next();
    }

    private static LocalReply unauthorized(String text, String challenge) {
        LocalReply reply = LocalReply.text(401, text);
        reply.headers().set("www-authenticate", challenge);
        return reply;
    }
}
