package dev.archway.ratelimit.local;

import static dev.archway.ratelimit.local.Configs.byClaim;
import static dev.archway.ratelimit.local.Configs.byHeader;
import static dev.archway.ratelimit.local.Configs.byRemoteAddress;
import static dev.archway.ratelimit.local.Configs.whole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.gatewayapi.ir.filters.LocalRateLimitConfig;
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
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a client sees: which requests pass, the 429 and the RateLimit fields, per key type. */
class LocalRateLimitFilterTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private final Vertx vertx = Vertx.vertx();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<HttpFilter> filters = new ArrayList<>();

    @AfterEach
    void tearDown() {
        filters.forEach(HttpFilter::close);
        vertx.close().await();
    }

    private HttpFilter filter(LocalRateLimitConfig config) {
        assertThat(new LocalRateLimitFactory().validate(config)).isEmpty();
        HttpFilter filter = new LocalRateLimitFactory().create(config,
                metrics.around(new TestBuildContext(vertx, null)));
        filters.add(filter);
        return filter;
    }

    private static TestFilterContext request(Consumer<TestRequest> shape) {
        TestRequest request = TestRequest.get("http://api.example/orders");
        shape.accept(request);
        return new TestFilterContext(request);
    }

    private static boolean passes(HttpFilter filter, TestFilterContext ctx) {
        return Steps.isNext(filter.onRequestHeaders(ctx));
    }

    private static boolean passes(HttpFilter filter, Consumer<TestRequest> shape) {
        return passes(filter, request(shape));
    }

    @Test
    void admitsExactlyMaxTokensThenAnswers429WithRetryAfterAndRateLimitFields() {
        HttpFilter filter = filter(whole(3, 1, Duration.ofSeconds(10)));

        for (int i = 0; i < 3; i++) {
            assertThat(passes(filter, r -> {})).as("request %d", i).isTrue();
        }
        FilterStep step = filter.onRequestHeaders(request(r -> {}));

        LocalReply reply = Steps.reply(step);
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.body().toString()).isEqualTo("rate limit exceeded\n");
        long retryAfter = Long.parseLong(reply.headers().get("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 10L);
        assertThat(reply.headers().get("RateLimit-Policy")).isEqualTo("\"local\";q=3;w=10");
        assertThat(reply.headers().get("RateLimit")).isEqualTo("\"local\";r=0;t=" + retryAfter);
        assertThat(metrics.events()).containsExactly("allowed", "allowed", "allowed", "denied:rate_limited");
    }

    @Test
    void addsRemainingTokensAndTheirResetToAllowedResponses() {
        HttpFilter filter = filter(whole(5, 5, Duration.ofMillis(1500)));
        TestFilterContext first = request(r -> {});
        TestFilterContext second = request(r -> {});

        assertThat(passes(filter, first)).isTrue();
        assertThat(passes(filter, second)).isTrue();
        first.response().status(200);
        second.response().status(200);
        first.runResponseHeaders(filter);
        second.runResponseHeaders(filter);

        assertThat(first.response().headers().get("RateLimit-Policy")).isEqualTo("\"local\";q=5;w=2");
        assertThat(first.response().headers().get("RateLimit")).isIn("\"local\";r=4;t=1", "\"local\";r=4;t=2");
        assertThat(second.response().headers().get("RateLimit")).startsWith("\"local\";r=3;t=");
    }

    @Test
    void leavesResponsesOfRefusedRequestsToTheLocalReply() {
        HttpFilter filter = filter(whole(1, 1, HOUR));
        passes(filter, r -> {});
        TestFilterContext refused = request(r -> {});

        assertThat(Steps.isNext(filter.onRequestHeaders(refused))).isFalse();
        refused.runResponseHeaders(filter);

        assertThat(refused.response().headers().contains("RateLimit")).isFalse();
    }

    @Test
    void givesTokensBackAfterTheFillInterval() {
        HttpFilter filter = filter(whole(2, 2, Duration.ofMillis(200)));
        assertThat(passes(filter, r -> {})).isTrue();
        assertThat(passes(filter, r -> {})).isTrue();
        assertThat(passes(filter, r -> {})).isFalse();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> passes(filter, r -> {}));
        assertThat(passes(filter, r -> {})).as("the fill brought back two tokens").isTrue();
    }

    @Test
    void refillsOnlyTokensPerFillEachInterval() {
        HttpFilter filter = filter(whole(3, 1, Duration.ofMillis(200)));
        for (int i = 0; i < 3; i++) {
            passes(filter, r -> {});
        }

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> passes(filter, r -> {}));
        assertThat(passes(filter, r -> {})).as("one token per fill, not the whole bucket").isFalse();
    }

    @Test
    void keepsOneBucketPerRemoteAddress() {
        HttpFilter filter = filter(byRemoteAddress(1, HOUR));

        assertThat(passes(filter, r -> r.remoteAddress("10.0.0.1"))).isTrue();
        assertThat(passes(filter, r -> r.remoteAddress("10.0.0.1"))).isFalse();
        assertThat(passes(filter, r -> r.remoteAddress("10.0.0.2"))).isTrue();
    }

    @Test
    void keepsOneBucketPerHeaderValueAndOneForRequestsWithoutIt() {
        HttpFilter filter = filter(byHeader("x-api-key", 1, HOUR));

        assertThat(passes(filter, r -> r.header("X-Api-Key", "alice"))).isTrue();
        assertThat(passes(filter, r -> r.header("x-api-key", "alice"))).isFalse();
        assertThat(passes(filter, r -> r.header("x-api-key", "bob"))).isTrue();
        assertThat(passes(filter, r -> {})).isTrue();
        assertThat(passes(filter, r -> r.header("x-other", "carol")))
                .as("requests without the header share one bucket").isFalse();
        assertThat(passes(filter, r -> r.header("x-api-key", "carol"))).isTrue();
    }

    @Test
    void keepsLongHeaderValuesApartWhileStoringThemShort() {
        HttpFilter filter = filter(byHeader("x-api-key", 1, HOUR));
        String a = "a".repeat(4000);
        String b = "a".repeat(3999) + "b";

        assertThat(passes(filter, r -> r.header("x-api-key", a))).isTrue();
        assertThat(passes(filter, r -> r.header("x-api-key", b))).isTrue();
        assertThat(passes(filter, r -> r.header("x-api-key", a))).isFalse();
    }

    @Test
    void keepsOneBucketPerClaimValueAndOneForRequestsWithoutIt() {
        HttpFilter filter = filter(byClaim("org.id", 1, HOUR));
        Consumer<TestFilterContext> acme = ctx -> ctx.attributes().set(JwtAttributes.PRINCIPAL,
                new JwtPrincipal("idp", Map.of("sub", "u1", "org", Map.of("id", "acme"))));
        Consumer<TestFilterContext> initech = ctx -> ctx.attributes().set(JwtAttributes.PRINCIPAL,
                new JwtPrincipal("idp", Map.of("sub", "u2", "org", Map.of("id", "initech"))));
        Consumer<TestFilterContext> noOrg = ctx -> ctx.attributes().set(JwtAttributes.PRINCIPAL,
                new JwtPrincipal("idp", Map.of("sub", "u3")));

        assertThat(passes(filter, with(acme))).isTrue();
        assertThat(passes(filter, with(acme))).isFalse();
        assertThat(passes(filter, with(initech))).isTrue();
        assertThat(passes(filter, with(noOrg))).isTrue();
        assertThat(passes(filter, with(ctx -> {}))).as("no token shares the bucket of no claim").isFalse();
    }

    private static TestFilterContext with(Consumer<TestFilterContext> principal) {
        TestFilterContext ctx = request(r -> {});
        principal.accept(ctx);
        return ctx;
    }
}
