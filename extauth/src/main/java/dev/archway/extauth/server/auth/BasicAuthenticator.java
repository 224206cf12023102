package dev.archway.extauth.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.archway.extauth.server.config.BasicAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code basic}: {@code Authorization: Basic base64(user:password)} checked against bcrypt hashes.
 *
 * <p>bcrypt is slow on purpose (tens of milliseconds at usual costs), so it runs on a worker
 * thread, never on the event loop. A client sends the same header on every request, so a
 * successful check is remembered for {@link #VERIFIED_FOR}, keyed by the SHA-256 of
 * {@code user:password}: repeated requests then cost a hash, not a bcrypt. Failures are not
 * remembered (a wrong password costs a bcrypt each time, as it should for a guesser). A changed
 * htpasswd file makes a new authenticator, so a removed user or changed password takes effect at
 * the reload, not after the cache expires.
 */
final class BasicAuthenticator implements Authenticator {
    static final String MODE = "basic";
    static final String INVALID = "invalid_credentials";
    static final Duration VERIFIED_FOR = Duration.ofSeconds(60);
    static final int CACHE_SIZE = 10_000;

    // bcrypt reads at most 72 bytes of a password; truncating as htpasswd and OpenBSD do keeps
    // long passwords working instead of failing the check.
    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    private final Vertx vertx;
    private final Map<String, String> users;
    private final List<String> challenge;
    private final ExpiringCache<Boolean> verified;

    BasicAuthenticator(Vertx vertx, BasicAuth config) {
        this.vertx = vertx;
        this.users = config.users();
        this.challenge = List.of("Basic realm=\"" + config.realm() + "\"");
        this.verified = new ExpiringCache<>(CACHE_SIZE, System::nanoTime);
    }

    @Override
    public Future<Verdict> check(AuthRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Future.succeededFuture(Verdict.unauthenticated(Verdict.MISSING_CREDENTIALS, challenge));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return denied();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return denied();
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        String hash = users.get(user);
        if (hash == null) {
            // Spend the same bcrypt time as for a known user (against a real entry's hash, result
            // ignored), so the answer's timing does not tell which user names exist.
            String decoy = users.values().iterator().next();
            return vertx.executeBlocking(() -> VERIFYER.verify(password.toCharArray(), decoy.toCharArray()).verified, false)
                    .map(ignored -> Verdict.unauthenticated(INVALID, challenge));
        }
        String cacheKey = Hashing.sha256Hex(decoded);
        if (verified.get(cacheKey) != null) {
            return Future.succeededFuture(allowed());
        }
        return vertx.executeBlocking(() -> VERIFYER.verify(password.toCharArray(), hash.toCharArray()).verified, false)
                .map(ok -> {
                    if (!ok) {
                        return Verdict.unauthenticated(INVALID, challenge);
                    }
                    verified.put(cacheKey, Boolean.TRUE, VERIFIED_FOR.toNanos());
                    return allowed();
                });
    }

    private Future<Verdict> denied() {
        return Future.succeededFuture(Verdict.unauthenticated(INVALID, challenge));
    }

    private Verdict allowed() {
        return Verdict.allow(MODE, Map.of(), ownedHeaders());
    }

    /** The password is removed so that it does not reach the upstream. */
    @Override
    public Set<String> ownedHeaders() {
        return Set.of("authorization");
    }

    int cached() {
        return verified.size();
    }
}
