package dev.archway.plugins.builtin.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.HeaderModifierConfig;
import dev.archway.gatewayapi.ir.filters.HeaderValue;
import dev.archway.gatewayapi.ir.filters.RequestMirrorConfig;
import dev.archway.plugins.builtin.headers.RequestHeaderModifierFactory;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestMirrorFilterTest {
    private final RecordingUpstreams upstreams = new RecordingUpstreams();

    private RequestMirrorFilter mirror(String cluster, int numerator, int denominator) {
        return (RequestMirrorFilter) new RequestMirrorFactory().create(
                new RequestMirrorConfig(cluster, numerator, denominator), new TestBuildContext(null, upstreams));
    }

    private static HttpFilter setHeader(String name, String value) {
        return new RequestHeaderModifierFactory().create(
                new HeaderModifierConfig(List.of(new HeaderValue(name, value)), List.of(), List.of()), TestBuildContext.empty());
    }

    private static TestFilterContext post() {
        return new TestFilterContext(TestRequest.of("POST", "http://example.com:8080/orders?id=7")
                .header("Content-Type", "text/plain").header("Content-Length", "5").header("X-Client", "c"));
    }

    @Test
    void copiesTheRequestAsEarlierFiltersLeftItAndSendsItWhenTheBodyEnds() {
        TestFilterContext ctx = post();

        assertThat(ctx.runRequestHeaders(setHeader("X-Before", "b"), mirror("shadow", 1, 1), setHeader("X-After", "a")))
                .matches(Steps::isNext);
        ctx.request().headers().set("X-Later", "later");
        assertThat(upstreams.calls).isEmpty();
        ctx.streamBody(Buffer.buffer("hel"), Buffer.buffer("lo"));

        assertThat(upstreams.calls).hasSize(1);
        RecordingUpstreams.Call call = upstreams.calls.get(0);
        assertThat(call.cluster()).isEqualTo("shadow");
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.authority()).isEqualTo("example.com:8080");
        assertThat(call.pathAndQuery()).isEqualTo("/orders?id=7");
        assertThat(call.body().toString()).isEqualTo("hello");
        assertThat(call.headers().get("x-client")).isEqualTo("c");
        assertThat(call.headers().get("content-type")).isEqualTo("text/plain");
        assertThat(call.headers().get("x-before")).isEqualTo("b");
        assertThat(call.headers().contains("x-after")).isFalse();
        assertThat(call.headers().contains("x-later")).isFalse();
        // Framing and Host are the mirror client's business: it sends a buffered body to the authority.
        assertThat(call.headers().contains("content-length")).isFalse();
        assertThat(call.headers().contains("host")).isFalse();
    }

    @Test
    void sendsARequestWithoutBodyWithAnEmptyBody() {
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://example.com/a"));

        ctx.runRequestHeaders(mirror("shadow", 1, 1));
        ctx.streamBody();

        assertThat(upstreams.calls).singleElement().satisfies(call -> {
            assertThat(call.pathAndQuery()).isEqualTo("/a");
            assertThat(call.body().length()).isZero();
        });
    }

    @Test
    void dropsHopByHopHeadersIncludingThoseNamedInConnection() {
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://example.com/a")
                .header("Connection", "keep-alive, X-Hop").header("X-Hop", "1").header("Transfer-Encoding", "chunked")
                .header("X-End-To-End", "kept"));

        ctx.runRequestHeaders(mirror("shadow", 1, 1));
        ctx.streamBody();

        assertThat(upstreams.calls.get(0).headers().names()).containsExactlyInAnyOrder("X-End-To-End");
    }

    @Test
    void mirrorsNothingWithShareZero() {
        RequestMirrorFilter filter = mirror("shadow", 0, 1);
        for (int i = 0; i < 200; i++) {
            TestFilterContext ctx = post();
            assertThat(ctx.runRequestHeaders(filter)).matches(Steps::isNext);
            ctx.streamBody(Buffer.buffer("hello"));
        }

        assertThat(upstreams.calls).isEmpty();
    }

    @Test
    void mirrorsAboutTheConfiguredShare() {
        RequestMirrorFilter filter = mirror("shadow", 1, 4);
        for (int i = 0; i < 4000; i++) {
            TestFilterContext ctx = post();
            ctx.runRequestHeaders(filter);
            ctx.streamBody();
        }

        // Expected 1000, standard deviation about 27: the bounds are more than 7 deviations away.
        assertThat(upstreams.calls).hasSizeBetween(800, 1200);
    }

    @Test
    void dropsAndCountsACopyWhoseBodyExceedsOneMebibyteWithoutTouchingTheRequest() {
        RequestMirrorFilter filter = mirror("shadow", 1, 1);
        TestFilterContext ctx = post();

        assertThat(ctx.runRequestHeaders(filter)).matches(Steps::isNext);
        ctx.streamBody(Buffer.buffer(new byte[RequestMirrorFilter.MAX_BODY_BYTES]), Buffer.buffer("x"));

        assertThat(upstreams.calls).isEmpty();
        assertThat(filter.droppedTooLarge.sum()).isEqualTo(1);
    }

    @Test
    void sendsABodyOfExactlyOneMebibyte() {
        TestFilterContext ctx = post();

        ctx.runRequestHeaders(mirror("shadow", 1, 1));
        ctx.streamBody(Buffer.buffer(new byte[RequestMirrorFilter.MAX_BODY_BYTES / 2]),
                Buffer.buffer(new byte[RequestMirrorFilter.MAX_BODY_BYTES / 2]));

        assertThat(upstreams.calls).singleElement()
                .satisfies(call -> assertThat(call.body().length()).isEqualTo(RequestMirrorFilter.MAX_BODY_BYTES));
    }

    @Test
    void ignoresAFailedMirrorCallAndCountsIt() {
        upstreams.answering(() -> Future.failedFuture("cluster 'shadow' has no endpoint"));
        RequestMirrorFilter filter = mirror("shadow", 1, 1);
        TestFilterContext ctx = post();

        ctx.runRequestHeaders(filter);
        ctx.streamBody(Buffer.buffer("hello"));

        assertThat(filter.failed.sum()).isEqualTo(1);
        assertThat(filter.sent.sum()).isZero();
        assertThat(ctx.response().status()).isZero();
    }

    @Test
    void survivesAnUpstreamClientThatThrows() {
        upstreams.answering(() -> {
            throw new IllegalStateException("pool closed");
        });
        RequestMirrorFilter filter = mirror("shadow", 1, 1);
        TestFilterContext ctx = post();

        ctx.runRequestHeaders(filter);
        ctx.streamBody(Buffer.buffer("hello"));

        assertThat(filter.failed.sum()).isEqualTo(1);
    }

    @Test
    void eachMirrorFilterOfARouteSendsItsOwnCopy() {
        RequestMirrorFilter first = mirror("shadow-a", 1, 1);
        RequestMirrorFilter second = mirror("shadow-b", 1, 1);
        TestFilterContext ctx = post();

        ctx.runRequestHeaders(first, second);
        ctx.streamBody(Buffer.buffer("hello"));

        assertThat(upstreams.calls).extracting(RecordingUpstreams.Call::cluster).containsExactly("shadow-a", "shadow-b");
        assertThat(upstreams.calls).allSatisfy(call -> assertThat(call.body().toString()).isEqualTo("hello"));
        assertThat(first.sent.sum()).isEqualTo(1);
        assertThat(second.sent.sum()).isEqualTo(1);
    }
}
