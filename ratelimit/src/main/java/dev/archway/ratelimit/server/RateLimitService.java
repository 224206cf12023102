package dev.archway.ratelimit.server;

import static java.util.Objects.requireNonNull;

import dev.archway.ratelimit.server.config.Descriptor;
import dev.archway.ratelimit.server.config.Domain;
import dev.archway.ratelimit.server.config.Limit;
import dev.archway.ratelimit.server.counter.Count;
import dev.archway.ratelimit.server.counter.CounterStore;
import dev.archway.ratelimit.server.counter.CounterUnavailableException;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.Code;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.DescriptorStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code ShouldRateLimit} calls from the domains of the current config.
 *
 * <p>Each descriptor of a request is matched and, if it reaches a limit, counted; statuses come
 * back in request order. A call reads the domains once on arrival and keeps them, so a reload
 * never changes a call in flight. Unknown domains and unmatched descriptors are not limited (as
 * in Envoy's rate limit service), so a gateway asking about rules this server does not have is
 * let through rather than refused.
 */
final class RateLimitService {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitService.class);

    private final CounterStore store;
    private final ServerMetrics metrics;
    private volatile Map<String, Domain> domains;

    RateLimitService(CounterStore store, ServerMetrics metrics, Map<String, Domain> domains) {
        this.store = requireNonNull(store, "store");
        this.metrics = requireNonNull(metrics, "metrics");
        this.domains = Map.copyOf(domains);
    }

    /** Swaps the domains whole; calls in flight keep the ones they started with. */
    void domains(Map<String, Domain> next) {
        this.domains = Map.copyOf(next);
    }

    /** The gRPC call handler. */
    void handle(GrpcServerRequest<RateLimitRequest, RateLimitResponse> call) {
        call.handler(request -> {
            Context context = Vertx.currentContext();
            decide(request, context).onComplete(ar -> {
                if (ar.succeeded()) {
                    call.response().end(ar.result());
                } else {
                    fail(call, ar.cause());
                }
            });
        });
    }

    private void fail(GrpcServerRequest<RateLimitRequest, RateLimitResponse> call, Throwable thrown) {
        Throwable failure = thrown;
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        GrpcStatus status;
        String reason;
        if (failure instanceof CounterUnavailableException) {
            status = GrpcStatus.UNAVAILABLE;
            reason = ServerMetrics.REASON_STORE;
        } else if (failure instanceof InvalidRequest) {
            status = GrpcStatus.INVALID_ARGUMENT;
            reason = ServerMetrics.REASON_INVALID;
        } else {
            status = GrpcStatus.INTERNAL;
            reason = ServerMetrics.REASON_INTERNAL;
            LOG.error("ShouldRateLimit failed unexpectedly", failure);
        }
        metrics.failed(reason);
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        call.response().status(status).statusMessage("archway ratelimit-server: " + message).end();
    }

    /** The answer to {@code request}, completed on {@code context}. */
    Future<RateLimitResponse> decide(RateLimitRequest request, Context context) {
        if (request.getDomain().isEmpty()) {
            return Future.failedFuture(new InvalidRequest("domain: empty (expected: the domain of the rules to apply)"));
        }
        if (request.getDescriptorsCount() == 0) {
            return Future.failedFuture(new InvalidRequest("descriptors: empty (expected: at least one descriptor)"));
        }
        Domain domain = domains.get(request.getDomain());
        String label = domain == null ? ServerMetrics.UNKNOWN_DOMAIN : domain.name();
        long requestHits = request.getHitsAddend() == 0 ? 1 : Integer.toUnsignedLong(request.getHitsAddend());
        int n = request.getDescriptorsCount();
        @SuppressWarnings("unchecked")
        CompletableFuture<Outcome>[] outcomes = new CompletableFuture[n];
        for (int i = 0; i < n; i++) {
            RateLimitDescriptor descriptor = request.getDescriptors(i);
            Descriptor node = domain == null ? null : domain.match(descriptor.getEntriesList());
            outcomes[i] = decide(request.getDomain(), descriptor, node, hits(descriptor, requestHits));
        }
        CompletableFuture<RateLimitResponse> response = CompletableFuture.allOf(outcomes).thenApply(v -> {
            RateLimitResponse.Builder answer = RateLimitResponse.newBuilder().setOverallCode(Code.OK);
            for (CompletableFuture<Outcome> outcome : outcomes) {
                Outcome o = outcome.join();
                metrics.decided(label, o.decision);
                answer.addStatuses(o.status);
                if (o.decision == Decision.OVER_LIMIT) {
                    answer.setOverallCode(Code.OVER_LIMIT);
                }
            }
            return answer.build();
        });
        return Future.fromCompletionStage(response, context);
    }

    /** A descriptor's own {@code hits_addend} overrides the request's; zero means one, as for the request's. */
    private static long hits(RateLimitDescriptor descriptor, long requestHits) {
        if (!descriptor.hasHitsAddend() || descriptor.getHitsAddend().getValue() == 0) {
            return requestHits;
        }
        long value = descriptor.getHitsAddend().getValue();
        return value < 0 ? Long.MAX_VALUE : value; // a uint64 beyond Long.MAX_VALUE
    }

    private record Outcome(Decision decision, DescriptorStatus status) {}

    private CompletableFuture<Outcome> decide(String domain, RateLimitDescriptor descriptor, Descriptor node, long hits) {
        if (node == null || node.limit() == null) {
            return CompletableFuture.completedFuture(
                    new Outcome(Decision.UNLIMITED, DescriptorStatus.newBuilder().setCode(Code.OK).build()));
        }
        Limit limit = node.limit();
        Duration period = limit.unit().period();
        if (limit.requestsPerUnit() == 0) {
            // Nothing to count: a bucket of no tokens refuses everything, and Bucket4j has none.
            return CompletableFuture.completedFuture(over(node, new Count(false, 0, period.toNanos())));
        }
        String key = CounterKeys.of(domain, descriptor.getEntriesList(), limit);
        return store.hit(key, limit.requestsPerUnit(), period, hits).toCompletableFuture()
                .thenApply(count -> count.allowed() ? under(node, count) : over(node, count));
    }

    private static Outcome under(Descriptor node, Count count) {
        return new Outcome(Decision.OK, status(node, Code.OK, count));
    }

    private static Outcome over(Descriptor node, Count count) {
        // Shadow mode: counted and reported in metrics, but the gateway lets the request through.
        return node.shadowMode()
                ? new Outcome(Decision.SHADOW_OVER_LIMIT, status(node, Code.OK, count))
                : new Outcome(Decision.OVER_LIMIT, status(node, Code.OVER_LIMIT, count));
    }

    private static DescriptorStatus status(Descriptor node, Code code, Count count) {
        Limit limit = node.limit();
        long nanos = Math.max(0, count.nanosUntilReset());
        return DescriptorStatus.newBuilder()
                .setCode(code)
                .setCurrentLimit(RateLimitResponse.RateLimit.newBuilder()
                        // uint32 on the wire: the config caps requests_per_unit there, and the
                        // cast keeps the bits of values above Integer.MAX_VALUE.
                        .setRequestsPerUnit((int) limit.requestsPerUnit())
                        .setUnit(limit.unit().wire()))
                .setLimitRemaining((int) Math.min(count.remaining(), Limit.MAX_REQUESTS_PER_UNIT))
                .setDurationUntilReset(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(nanos / 1_000_000_000L)
                        .setNanos((int) (nanos % 1_000_000_000L)))
                .build();
    }

    /** A request this server cannot answer: INVALID_ARGUMENT. */
    static final class InvalidRequest extends RuntimeException {
        InvalidRequest(String message) {
            super(message, null, false, false);
        }
    }
}
