package dev.archway.ratelimit.global;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.filters.GlobalRateLimitConfig;
import dev.archway.gatewayapi.ir.filters.GlobalRateLimitConfig.EntryType;
import dev.archway.plugins.builtin.jwt.JwtAttributes;
import dev.archway.plugins.builtin.jwt.JwtPrincipal;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.RecordingMetrics;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.Code;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.DescriptorStatus;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client side of RLS v3, against a scripted service on loopback: what is sent, what the client sees. */
class GlobalRateLimitFilterTest {
    private static final GlobalRateLimitConfig.Descriptor PER_CLIENT = new GlobalRateLimitConfig.Descriptor(List.of(
            new GlobalRateLimitConfig.Entry(EntryType.GENERIC, "route", "orders", null),
            new GlobalRateLimitConfig.Entry(EntryType.REMOTE_ADDRESS, "remote_address", null, null)));

    private final Vertx vertx = Vertx.vertx();
    private final ScriptedRateLimitService service = new ScriptedRateLimitService(vertx);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<HttpFilter> filters = new ArrayList<>();

    @AfterEach
    void tearDown() {
        filters.forEach(HttpFilter::close);
        service.close();
        vertx.close().await();
    }

    private HttpFilter filter(int port, Duration timeout, boolean failOpen, GlobalRateLimitConfig.Descriptor... ds) {
        GlobalRateLimitConfig config = new GlobalRateLimitConfig("infra/limits",
                List.of(new EndpointIr("127.0.0.1", port)), "edge", timeout, failOpen, List.of(ds));
        GlobalRateLimitFactory factory = new GlobalRateLimitFactory();
        assertThat(factory.validate(config)).isEmpty();
        HttpFilter filter = factory.create(config, metrics.around(new TestBuildContext(vertx, null)));
        filters.add(filter);
        return filter;
    }

    private HttpFilter filter(GlobalRateLimitConfig.Descriptor... ds) {
        return filter(service.port(), Duration.ofSeconds(2), true, ds);
    }

    /** Runs the request phase on an event loop, as the gateway does, and waits for an awaited step. */
    private FilterStep run(HttpFilter filter, TestFilterContext ctx) throws Exception {
        Context context = vertx.getOrCreateContext();
        Promise<FilterStep> result = Promise.promise();
        context.runOnContext(v -> {
            FilterStep step = filter.onRequestHeaders(ctx.eventLoop(context));
            if (step instanceof FilterStep.Await await) {
                await.future().onComplete(result);
            } else {
                result.complete(step);
            }
        });
        return result.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static TestFilterContext request() {
        return new TestFilterContext(TestRequest.get("http://api.example/orders/7?x=1").remoteAddress("192.0.2.9"));
    }

    private static DescriptorStatus status(Code code, int perUnit, RateLimitResponse.RateLimit.Unit unit, int remaining,
            long resetSeconds) {
        return DescriptorStatus.newBuilder().setCode(code)
                .setCurrentLimit(RateLimitResponse.RateLimit.newBuilder().setRequestsPerUnit(perUnit).setUnit(unit))
                .setLimitRemaining(remaining)
                .setDurationUntilReset(com.google.protobuf.Duration.newBuilder().setSeconds(resetSeconds))
                .build();
    }

    @Test
    void sendsTheDomainAndOneDescriptorPerConfiguredDescriptorWithTheRequestsValues() throws Exception {
        HttpFilter filter = filter(PER_CLIENT,
                new GlobalRateLimitConfig.Descriptor(List.of(new GlobalRateLimitConfig.Entry(EntryType.PATH, "path", null, null))),
                new GlobalRateLimitConfig.Descriptor(List.of(new GlobalRateLimitConfig.Entry(EntryType.HEADER, "api_key", null, "x-api-key"))),
                new GlobalRateLimitConfig.Descriptor(List.of(new GlobalRateLimitConfig.Entry(EntryType.CLAIM, "org", null, "org.id"))));
        TestFilterContext ctx = request();
        ctx.request().header("X-Api-Key", "k-123");
        ctx.attributes().set(JwtAttributes.PRINCIPAL, new JwtPrincipal("corp", Map.of("org", Map.of("id", "acme"))));

        assertThat(Steps.isNext(run(filter, ctx))).isTrue();

        assertThat(service.received).hasSize(1);
        var sent = service.received.get(0);
        assertThat(sent.getDomain()).isEqualTo("edge");
        assertThat(sent.getHitsAddend()).isEqualTo(1);
        assertThat(sent.getDescriptorsList()).extracting(GlobalRateLimitFilterTest::text).containsExactly(
                "route=orders,remote_address=192.0.2.9", "path=/orders/7", "api_key=k-123", "org=acme");
        assertThat(metrics.events()).containsExactly("allowed");
    }

    @Test
    void leavesOutADescriptorWhoseHeaderIsAbsentAndCallsNothingWhenNoneRemains() throws Exception {
        HttpFilter filter = filter(new GlobalRateLimitConfig.Descriptor(List.of(
                new GlobalRateLimitConfig.Entry(EntryType.GENERIC, "route", "orders", null),
                new GlobalRateLimitConfig.Entry(EntryType.HEADER, "api_key", null, "x-api-key"))));

        assertThat(Steps.isNext(run(filter, request()))).isTrue();

        assertThat(service.received).isEmpty();
    }

    @Test
    void answers429WithRetryAfterRateLimitFieldsAndTheServicesHeadersWhenOverLimit() throws Exception {
        service.answer = r -> RateLimitResponse.newBuilder().setOverallCode(Code.OVER_LIMIT)
                .addStatuses(status(Code.OVER_LIMIT, 10, RateLimitResponse.RateLimit.Unit.MINUTE, 0, 42))
                .addResponseHeadersToAdd(HeaderValue.newBuilder().setKey("x-limited-by").setValue("edge"))
                .build();

        LocalReply reply = Steps.reply(run(filter(PER_CLIENT), request()));

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.body().toString()).isEqualTo("rate limit exceeded\n");
        assertThat(reply.headers().get("Retry-After")).isEqualTo("42");
        assertThat(reply.headers().get("RateLimit-Policy")).isEqualTo("\"global\";q=10;w=60");
        assertThat(reply.headers().get("RateLimit")).isEqualTo("\"global\";r=0;t=42");
        assertThat(reply.headers().get("x-limited-by")).isEqualTo("edge");
        assertThat(metrics.events()).containsExactly("denied:rate_limited");
    }

    @Test
    void passesWithTheTightestLimitInTheResponseAndTheServicesRequestHeaders() throws Exception {
        service.answer = r -> RateLimitResponse.newBuilder().setOverallCode(Code.OK)
                .addStatuses(status(Code.OK, 100, RateLimitResponse.RateLimit.Unit.HOUR, 80, 1800))
                .addStatuses(status(Code.OK, 5, RateLimitResponse.RateLimit.Unit.SECOND, 2, 1))
                .addRequestHeadersToAdd(HeaderValue.newBuilder().setKey("x-quota-tier").setRawValue(ByteString.copyFromUtf8("gold")))
                .build();
        HttpFilter filter = filter(PER_CLIENT);
        TestFilterContext ctx = request();

        assertThat(Steps.isNext(run(filter, ctx))).isTrue();
        assertThat(ctx.request().headers().get("x-quota-tier")).isEqualTo("gold");
        ctx.response().status(200);
        filter.onResponseHeaders(ctx);

        assertThat(ctx.response().headers().get("RateLimit-Policy")).isEqualTo("\"global\";q=5;w=1");
        assertThat(ctx.response().headers().get("RateLimit")).isEqualTo("\"global\";r=2;t=1");
    }

    @Test
    void failsOpenWhenTheServiceIsDownAndCountsIt() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        assertThat(Steps.isNext(run(filter(closedPort, Duration.ofSeconds(2), true, PER_CLIENT), request()))).isTrue();

        assertThat(metrics.events()).containsExactly("failed:unavailable");
    }

    @Test
    void answers500WhenTheServiceIsDownAndFailOpenIsOff() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        LocalReply reply = Steps.reply(run(filter(closedPort, Duration.ofSeconds(2), false, PER_CLIENT), request()));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body().toString()).isEqualTo("rate limit check failed\n");
    }

    @Test
    void givesUpAfterTheTimeoutWhenTheServiceNeverAnswers() throws Exception {
        service.answer = r -> null;
        HttpFilter filter = filter(service.port(), Duration.ofMillis(150), false, PER_CLIENT);

        long start = System.nanoTime();
        LocalReply reply = Steps.reply(run(filter, request()));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(reply.status()).isEqualTo(500);
        assertThat(tookMillis).isBetween(140L, 2_000L);
        assertThat(metrics.events()).containsExactly("failed:timeout");
    }

    @Test
    void treatsAGrpcErrorAndAnUndecidedAnswerAsFailures() throws Exception {
        HttpFilter filter = filter(service.port(), Duration.ofSeconds(2), false, PER_CLIENT);
        service.failWith = GrpcStatus.INTERNAL;
        assertThat(Steps.reply(run(filter, request())).status()).isEqualTo(500);

        service.failWith = null;
        service.answer = r -> RateLimitResponse.newBuilder().setOverallCode(Code.UNKNOWN).build();
        assertThat(Steps.reply(run(filter, request())).status()).isEqualTo(500);

        assertThat(metrics.events()).containsExactly("failed:error", "failed:error");
    }

    private static String text(RateLimitDescriptor d) {
        return String.join(",", d.getEntriesList().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
