package dev.archway.plugins.builtin.jwt;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.JwtConfig;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * JWT authentication ({@code archway.dev/jwt}): verifies a bearer token against the providers'
 * JWK sets, in the {@link FilterStage#AUTHN} stage.
 *
 * <p>Remote JWK sets are shared: every filter this factory builds for the same URL and cache
 * duration uses one fetcher, counted by reference. Routes each get a filter from the same config,
 * and a reload builds the new filters before closing the old ones, so the keys survive reloads
 * and the provider sees one client, not one per route.
 */
public final class JwtFilterFactory implements FilterFactory<JwtConfig> {
    static final Duration UNKNOWN_KID_REFETCH_INTERVAL = Duration.ofSeconds(10);
    static final int CACHE_MAX_ENTRIES = 10_000;
    static final Duration CACHE_TTL = Duration.ofSeconds(60);

    private final Duration unknownKidRefetchInterval;
    private final Duration cacheTtl;
    private final Map<RemoteKey, Shared> remotes = new HashMap<>();
    /**
     * Outcome caches by config: a policy on a Gateway becomes one filter per route and listener,
     * and they all share one cache, so memory and signature checks do not grow with the routes.
     * Equal configs hold equal providers in equal order, so a cached provider index stays right.
     */
    private final Map<JwtConfig, SharedCache> caches = new HashMap<>();

    public JwtFilterFactory() {
        this(UNKNOWN_KID_REFETCH_INTERVAL, CACHE_TTL);
    }

    /** For tests, which cannot wait ten seconds between key rotations. */
    JwtFilterFactory(Duration unknownKidRefetchInterval, Duration cacheTtl) {
        this.unknownKidRefetchInterval = requireNonNull(unknownKidRefetchInterval, "unknownKidRefetchInterval");
        this.cacheTtl = requireNonNull(cacheTtl, "cacheTtl");
    }

    @Override
    public String kind() {
        return FilterKinds.JWT;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.AUTHN;
    }

    @Override
    public Class<JwtConfig> configType() {
        return JwtConfig.class;
    }

    @Override
    public List<String> validate(JwtConfig config) {
        return JwtConfigCheck.problems(config);
    }

    @Override
    public HttpFilter create(JwtConfig config, FilterBuildContext context) {
        List<JwtFilter.Provider> providers = new ArrayList<>();
        try {
            for (JwtConfig.Provider p : config.providers()) {
                Duration skew = p.clockSkew() == null ? JwtConfig.Provider.DEFAULT_CLOCK_SKEW : p.clockSkew();
                KeySource keys = p.jwks().inline() != null
                        ? KeySource.fixed(JwkKeys.parse(p.jwks().inline()))
                        : acquire(context.vertx(), p.jwks().remote());
                providers.add(new JwtFilter.Provider(p.name(), p.issuer(), p.audiences(), skew.toMillis(),
                        new TokenLocator(p.tokenSource()), keys, p.claimsToHeaders(), p.forwardToken()));
            }
        } catch (RuntimeException e) {
            providers.forEach(p -> p.keys().release());
            throw e;
        }
        boolean optional = config.mode() == JwtConfig.Mode.OPTIONAL; // unset is strict: fail closed
        VerifiedTokenCache cache = acquireCache(config);
        AtomicBoolean released = new AtomicBoolean();
        return new JwtFilter(optional, providers, config.requiredClaims(), cache, context.metrics(), () -> {
            if (released.compareAndSet(false, true)) {
                releaseCache(config, cache);
            }
        });
    }

    /** Remote sources currently shared; for tests. */
    int sharedRemotes() {
        synchronized (remotes) {
            return remotes.size();
        }
    }

    private KeySource acquire(Vertx vertx, JwtConfig.RemoteJwks config) {
        Duration cacheDuration = config.cacheDuration() == null
                ? JwtConfig.RemoteJwks.DEFAULT_CACHE_DURATION : config.cacheDuration();
        RemoteKey key = new RemoteKey(vertx, config.url(), cacheDuration);
        RemoteJwks jwks;
        boolean created = false;
        synchronized (remotes) {
            Shared shared = remotes.get(key);
            if (shared == null) {
                shared = new Shared(new RemoteJwks(vertx, config.url(), cacheDuration, unknownKidRefetchInterval));
                remotes.put(key, shared);
                created = true;
            }
            shared.references++;
            jwks = shared.jwks;
        }
        if (created) {
            jwks.start();
        }
        AtomicBoolean released = new AtomicBoolean();
        return new KeySource() {
            @Override
            public JwkKeys current() {
                return jwks.current();
            }

            @Override
            public Future<Void> refetch() {
                return jwks.refetch();
            }

            @Override
            public void release() {
                if (released.compareAndSet(false, true)) {
                    JwtFilterFactory.this.release(key, jwks);
                }
            }
        };
    }

    private void release(RemoteKey key, RemoteJwks jwks) {
        boolean last = false;
        synchronized (remotes) {
            Shared shared = remotes.get(key);
            if (shared != null && shared.jwks == jwks && --shared.references == 0) {
                remotes.remove(key);
                last = true;
            }
        }
        if (last) {
            jwks.close();
        }
    }

    private VerifiedTokenCache acquireCache(JwtConfig config) {
        synchronized (caches) {
            SharedCache shared = caches.computeIfAbsent(config,
                    c -> new SharedCache(new VerifiedTokenCache(CACHE_MAX_ENTRIES, cacheTtl.toMillis())));
            shared.references++;
            return shared.cache;
        }
    }

    private void releaseCache(JwtConfig config, VerifiedTokenCache cache) {
        synchronized (caches) {
            SharedCache shared = caches.get(config);
            if (shared != null && shared.cache == cache && --shared.references == 0) {
                caches.remove(config);
            }
        }
    }

    /** Caches currently shared; for tests. */
    int sharedCaches() {
        synchronized (caches) {
            return caches.size();
        }
    }

    private static final class SharedCache {
        final VerifiedTokenCache cache;
        int references;

        SharedCache(VerifiedTokenCache cache) {
            this.cache = cache;
        }
    }

    /** Vert.x instance included: sources of two gateways in one JVM (tests) must not mix. */
    private record RemoteKey(Vertx vertx, String url, Duration cacheDuration) {}

    private static final class Shared {
        final RemoteJwks jwks;
        int references;

        Shared(RemoteJwks jwks) {
            this.jwks = jwks;
        }
    }
}
