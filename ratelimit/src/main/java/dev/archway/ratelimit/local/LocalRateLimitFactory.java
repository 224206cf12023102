package dev.archway.ratelimit.local;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import io.github.bucket4j.TimeMeter;
import java.util.List;

/**
 * Local token-bucket rate limits ({@code archway.dev/local-ratelimit}, stage RATE_LIMIT). Keeps
 * the buckets across reloads: one instance lives as long as the gateway's filter registry.
 */
public final class LocalRateLimitFactory implements FilterFactory<LocalRateLimitConfig> {
    /** Keys with a bucket of their own per limit; each costs a few hundred bytes of heap. */
    static final int MAX_KEYS = 100_000;

    private final SharedStores stores;

    /** For {@link java.util.ServiceLoader}. */
    public LocalRateLimitFactory() {
        this(new SharedStores(TimeMeter.SYSTEM_NANOTIME, MAX_KEYS, BucketStore::defaultSweepPeriod));
    }

    LocalRateLimitFactory(SharedStores stores) {
        this.stores = requireNonNull(stores, "stores");
    }

    @Override
    public String kind() {
        return FilterKinds.LOCAL_RATE_LIMIT;
    }

    @Override
    public FilterStage stage() {
        return FilterStage.RATE_LIMIT;
    }

    @Override
    public Class<LocalRateLimitConfig> configType() {
        return LocalRateLimitConfig.class;
    }

    @Override
    public List<String> validate(LocalRateLimitConfig config) {
        return LocalRateLimitConfigCheck.problems(config);
    }

    @Override
    public HttpFilter create(LocalRateLimitConfig config, FilterBuildContext context) {
        RequestKeys keys = RequestKeys.forKey(config.key());
        return new LocalRateLimitFilter(stores.acquire(config, context.vertx()), keys, context.metrics());
    }

    SharedStores stores() {
        return stores;
    }
}
