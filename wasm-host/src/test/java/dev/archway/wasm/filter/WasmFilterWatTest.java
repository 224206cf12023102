package dev.archway.wasm.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archway.gatewayapi.ir.filters.WasmFilterConfig;
import dev.archway.gatewayapi.ir.filters.WasmModuleSource;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.testing.RecordingMetrics;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import dev.archway.wasm.testing.OnLoop;
import dev.archway.wasm.testing.WatModules;
import dev.archway.plugins.spi.UpstreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filter over a hand-written WAT module: the host's ABI without any SDK in between. */
class WasmFilterWatTest {
    private static Vertx vertx;
    private static Context loop;
    private static Path module;
    /** These modules make no calls; a call would fail as to an unknown cluster. */
    private static final UpstreamClient NO_CLUSTERS = (cluster, method, authority, path, headers, body) ->
            Future.failedFuture("no cluster " + cluster);

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        loop = vertx.getOrCreateContext();
        module = WatModules.compile("headers");
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static WasmFilterConfig config(String name, boolean failOpen) {
        return new WasmFilterConfig(name, new WasmModuleSource(module.toString(), null, null), "", "", "", "", failOpen);
    }

    private static HttpFilter build(WasmFilterConfig config, RecordingMetrics metrics) {
        return new WasmFilterFactory().create(config, metrics.around(new TestBuildContext(vertx, NO_CLUSTERS)));
    }

    private static FilterStep requestHeaders(HttpFilter filter, TestFilterContext ctx) {
        return OnLoop.run(loop, () -> ctx.runRequestHeaders(filter));
    }

    @Test
    void addsTheHeaderTheGuestAddsToTheRequestAndResponse() {
        HttpFilter filter = build(config("wat-add", false), new RecordingMetrics());
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://example.com/a")).eventLoop(loop);
        assertThat(Steps.isNext(requestHeaders(filter, ctx))).isTrue();
        assertThat(ctx.request().headers().get("x-wat")).isEqualTo("yes");

        ctx.response().status(200);
        OnLoop.run(loop, () -> ctx.runResponseHeaders(filter));
        assertThat(ctx.response().headers().get("x-wat")).isEqualTo("yes");
        OnLoop.run(loop, () -> {
            filter.onComplete(ctx);
            return null;
        });
        filter.close();
    }

    @Test
    void answersWithTheGuestsLocalReply() {
        RecordingMetrics metrics = new RecordingMetrics();
        HttpFilter filter = build(config("wat-deny", false), metrics);
        TestFilterContext ctx = new TestFilterContext(TestRequest.get("http://example.com/a").header("x-deny", "1"))
                .eventLoop(loop);
        var reply = Steps.reply(requestHeaders(filter, ctx));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().toString()).isEqualTo("denied by wat");
        assertThat(metrics.events()).contains("denied:local_reply");
        filter.close();
    }

    @Test
    void failsOnlyTheRequestWhoseCallbackTrappedAndServesTheNextOne() {
        RecordingMetrics metrics = new RecordingMetrics();
        HttpFilter filter = build(config("wat-trap", false), metrics);
        TestFilterContext crash = new TestFilterContext(TestRequest.get("http://example.com/a").header("x-crash", "1"))
                .eventLoop(loop);
        assertThat(Steps.reply(requestHeaders(filter, crash)).status()).isEqualTo(500);
        assertThat(metrics.events()).contains("failed:guest_error");

        TestFilterContext next = new TestFilterContext(TestRequest.get("http://example.com/b")).eventLoop(loop);
        assertThat(Steps.isNext(requestHeaders(filter, next))).isTrue();
        assertThat(next.request().headers().get("x-wat")).isEqualTo("yes");
        filter.close();
    }

    @Test
    void skipsTheFilterOnATrapWhenFailOpen() {
        HttpFilter filter = build(config("wat-open", true), new RecordingMetrics());
        TestFilterContext crash = new TestFilterContext(TestRequest.get("http://example.com/a").header("x-crash", "1"))
                .eventLoop(loop);
        assertThat(Steps.isNext(requestHeaders(filter, crash))).isTrue();
        filter.close();
    }

    @Test
    void stopsARunawayGuestAndKeepsTheEventLoopServing() {
        HttpFilter filter = build(config("wat-spin", false), new RecordingMetrics());
        TestFilterContext spin = new TestFilterContext(TestRequest.get("http://example.com/a").header("x-spin", "1"))
                .eventLoop(loop);
        long started = System.nanoTime();
        assertThat(Steps.reply(requestHeaders(filter, spin)).status()).isEqualTo(500);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5000);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        TestFilterContext next = new TestFilterContext(TestRequest.get("http://example.com/b")).eventLoop(loop);
        assertThat(Steps.isNext(requestHeaders(filter, next))).isTrue();
        assertThat(OnLoop.run(loop, () -> Thread.currentThread().isInterrupted())).isFalse();
        filter.close();
    }

    @Test
    void refusesAModuleWhoseChecksumDiffers() {
        WasmFilterConfig wrong = new WasmFilterConfig("wat-sha", new WasmModuleSource(module.toString(), null,
                "0".repeat(64)), "", "", "", "", false);
        assertThatThrownBy(() -> build(wrong, new RecordingMetrics()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha256 is ")
                .hasMessageContaining("expected: " + "0".repeat(64));
    }
}
