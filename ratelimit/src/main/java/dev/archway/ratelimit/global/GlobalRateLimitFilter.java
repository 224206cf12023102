package dev.archway.ratelimit.global;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.filters.GlobalRateLimitConfig;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.AttributeKey;
import dev.archway.plugins.spi.FilterMetrics;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.sidekit.grpc.CallFailure;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks the rate limit service about each request and answers 429 when it says {@code OVER_LIMIT}.
 * The request waits for the answer without holding its event loop. When the service fails or is
 * slower than the timeout, {@code failOpen} decides: the request passes, or it gets a 500.
 */
final class GlobalRateLimitFilter implements HttpFilter {
    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String LIMIT_HEADER = "RateLimit";
    /** The service's answer for a passed request, for its response headers. */
    static final AttributeKey<RateLimitAnswer> ANSWER =
            AttributeKey.of("archway.ratelimit.global.answer", RateLimitAnswer.class);

    private final GlobalRateLimitConfig config;
    private final SharedResources.Lease<RlsClient> client;
    private final Descriptors descriptors;
    private final FilterMetrics metrics;
    private final AtomicInteger nextEndpoint = new AtomicInteger();

    GlobalRateLimitFilter(GlobalRateLimitConfig config, SharedResources.Lease<RlsClient> client, FilterMetrics metrics) {
        this.config = requireNonNull(config, "config");
        this.client = requireNonNull(client, "client");
        this.descriptors = new Descriptors(config.descriptors());
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        List<RateLimitDescriptor> sent = descriptors.of(ctx);
        if (sent.isEmpty()) {
            metrics.allowed();
            return FilterStep.next();
        }
        EndpointIr endpoint = nextEndpoint();
        if (endpoint == null) {
            return failed(CallFailure.unavailable(
                    "the rate limit service of " + config.extension() + " has no ready endpoint"));
        }
        RateLimitRequest request = RateLimitRequest.newBuilder()
                .setDomain(config.domain())
                .addAllDescriptors(sent)
                .setHitsAddend(1)
                .build();
        Future<FilterStep> decided = client.value().check(endpoint, request, config.timeout())
                .transform(answer -> Future.succeededFuture(decide(ctx, answer)));
        return FilterStep.await(decided);
    }

    @Override
    public FilterStep onResponseHeaders(HttpFilterContext ctx) {
        RateLimitAnswer answer = ctx.attributes().get(ANSWER);
        if (answer != null) {
            answer.addResponseHeaders(ctx.response().headers());
        }
        return FilterStep.next();
    }

    @Override
    public void close() {
        client.release();
    }

    private FilterStep decide(HttpFilterContext ctx, AsyncResult<io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse> call) {
        RateLimitAnswer answer;
        try {
            if (call.failed()) {
                throw call.cause();
            }
            answer = RateLimitAnswer.of(call.result());
        } catch (CallFailure failure) {
            return failed(failure);
        } catch (Throwable unexpected) {
            return failed(CallFailure.error(String.valueOf(unexpected)));
        }
        if (answer.overLimit()) {
            metrics.denied("rate_limited");
            LocalReply reply = LocalReply.text(429, "rate limit exceeded");
            MultiMap headers = reply.headers();
            headers.set("Retry-After", Long.toString(answer.retryAfterSeconds()));
            answer.addResponseHeaders(headers);
            return FilterStep.reply(reply);
        }
        metrics.allowed();
        RateLimitAnswer.addAll(answer.requestHeadersToAdd(), ctx.request().headers());
        ctx.attributes().set(ANSWER, answer);
        return FilterStep.next();
    }

    private FilterStep failed(CallFailure failure) {
        metrics.failed(failure.reason());
        if (config.failOpen()) {
            return FilterStep.next();
        }
        return FilterStep.reply(LocalReply.text(500, "rate limit check failed"));
    }

    private EndpointIr nextEndpoint() {
        List<EndpointIr> endpoints = config.service();
        if (endpoints.isEmpty()) {
            return null;
        }
        return endpoints.get(Math.floorMod(nextEndpoint.getAndIncrement(), endpoints.size()));
    }
}
