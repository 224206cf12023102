package dev.archway.plugins.builtin.jwt;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.JwtConfig;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    /** Vert.x instance included in the key: sources of two gateways in one JVM (tests) must not mix. */
    private final SharedResources<RemoteKey, RemoteJwks> remotes = new SharedResources<>(RemoteJwks::close);
    /**
     * Outcome caches by config: a policy on a Gateway becomes one filter per route and listener,
     * and they all share one cache, so memory and signature checks do not grow with the routes.
     * Equal configs hold equal providers in equal order, so a cached provider index stays right.
     */
    private final SharedResources<JwtConfig, VerifiedTokenCache> caches = new SharedResources<>(cache -> {});

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
        SharedResources.Lease<VerifiedTokenCache> cache =
                caches.acquire(config, c -> new VerifiedTokenCache(CACHE_MAX_ENTRIES, cacheTtl.toMillis()));
        return new JwtFilter(optional, providers, config.requiredClaims(), cache.value(), context.metrics(),
                cache::release);
    }

    /** Remote sources currently shared; for tests. */
    int sharedRemotes() {
        return remotes.size();
    }

    /** Caches currently shared; for tests. */
    int sharedCaches() {
        return caches.size();
    }

    private KeySource acquire(Vertx vertx, JwtConfig.RemoteJwks config) {
        Duration cacheDuration = config.cacheDuration() == null
                ? JwtConfig.RemoteJwks.DEFAULT_CACHE_DURATION : config.cacheDuration();
        SharedResources.Lease<RemoteJwks> lease = remotes.acquire(new RemoteKey(vertx, config.url(), cacheDuration), k -> {
            RemoteJwks jwks = new RemoteJwks(vertx, config.url(), cacheDuration, unknownKidRefetchInterval);
            jwks.start(); // only asks the event loop to fetch: quick enough for the lease's lock
            return jwks;
        });
        RemoteJwks jwks = lease.value();
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
                lease.release();
            }
        };
    }

    private record RemoteKey(Vertx vertx, String url, Duration cacheDuration) {}
}
