package dev.archway.ratelimit.local;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.AttributeKey;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.FilterMetrics;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.MultiMap;
import java.time.Duration;

/**
 * Takes a token per request; answers 429 when the bucket is empty. Both answers carry the
 * {@code RateLimit-Policy} and {@code RateLimit} fields of the IETF draft "RateLimit header fields
 * for HTTP" (draft-ietf-httpapi-ratelimit-headers), and a 429 also {@code Retry-After}.
 */
final class LocalRateLimitFilter implements HttpFilter {
    /** The allowance a passed request found, for its response headers. */
    static final AttributeKey<BucketStore.Decision> ALLOWANCE =
            AttributeKey.of("archway.ratelimit.local.allowance", BucketStore.Decision.class);

    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String LIMIT_HEADER = "RateLimit";
    private static final String POLICY_NAME = "\"local\"";

    private final SharedResources.Lease<BucketStore> lease;
    private final BucketStore store;
    private final RequestKeys keys;
    private final FilterMetrics metrics;
    private final String policy;

    LocalRateLimitFilter(SharedResources.Lease<BucketStore> lease, RequestKeys keys, FilterMetrics metrics) {
        this.lease = requireNonNull(lease, "lease");
        this.store = lease.value();
        this.keys = requireNonNull(keys, "keys");
        this.metrics = requireNonNull(metrics, "metrics");
        this.policy = POLICY_NAME + ";q=" + store.maxTokens() + ";w=" + atLeastOneSecond(store.fillInterval());
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        BucketStore.Decision decision = store.take(keys.of(ctx));
        if (decision.allowed()) {
            metrics.allowed();
            ctx.attributes().set(ALLOWANCE, decision);
            return FilterStep.next();
        }
        metrics.denied("rate_limited");
        long retryAfter = atLeastOneSecond(decision.nanosToNextToken());
        LocalReply reply = LocalReply.text(429, "rate limit exceeded");
        MultiMap headers = reply.headers();
        headers.set("Retry-After", Long.toString(retryAfter));
        headers.set(POLICY_HEADER, policy);
        headers.set(LIMIT_HEADER, POLICY_NAME + ";r=0;t=" + retryAfter);
        return FilterStep.reply(reply);
    }

    @Override
    public FilterStep onResponseHeaders(HttpFilterContext ctx) {
        BucketStore.Decision allowance = ctx.attributes().get(ALLOWANCE);
        if (allowance != null) {
            // add, not set: a global limit on the same route reports its own policy in the same fields.
            MultiMap headers = ctx.response().headers();
            headers.add(POLICY_HEADER, policy);
            headers.add(LIMIT_HEADER, POLICY_NAME + ";r=" + allowance.remaining()
                    + ";t=" + atLeastOneSecond(allowance.nanosToNextToken()));
        }
        return FilterStep.next();
    }

    @Override
    public void close() {
        lease.release();
    }

    /**
     * Whole seconds, rounded up and at least 1: the fields take integers, and 0 would invite an
     * immediate retry that fails again.
     */
    static long atLeastOneSecond(long nanos) {
        long seconds = nanos / 1_000_000_000L + (nanos % 1_000_000_000L > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static long atLeastOneSecond(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
