package dev.archway.extauth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.filters.ExtAuthConfig;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.RecordingMetrics;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP mode against a plain HTTP auth service on loopback. */
class HttpExtAuthFilterTest {
    private final Vertx vertx = Vertx.vertx();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<HttpFilter> filters = new ArrayList<>();
    private final List<String> seenLines = new CopyOnWriteArrayList<>();
    private final List<MultiMap> seenHeaders = new CopyOnWriteArrayList<>();
    private volatile Consumer<HttpServerRequest> answer = r -> r.response().setStatusCode(200).end();
    private final HttpServer server = vertx.createHttpServer().requestHandler(r -> {
        seenLines.add(r.method() + " " + r.uri());
        seenHeaders.add(MultiMap.caseInsensitiveMultiMap().addAll(r.headers()));
        answer.accept(r);
    }).listen(0, "127.0.0.1").await();

    @AfterEach
    void tearDown() {
        filters.forEach(HttpFilter::close);
        vertx.close().await();
    }

    private HttpFilter filter() {
        ExtAuthConfig config = new ExtAuthConfig("infra/http-auth", List.of(new EndpointIr("127.0.0.1", server.actualPort())),
                new ExtAuthConfig.Http("/check", List.of("authorization"), List.of("x-user")), Duration.ofSeconds(2),
                false, 403, Map.of("config", "basic"), null, List.of());
        HttpFilter filter = new ExtAuthFilterFactory().create(config, metrics.around(new TestBuildContext(vertx, null)));
        filters.add(filter);
        return filter;
    }

    private static TestFilterContext request() {
        return new TestFilterContext(TestRequest.of("DELETE", "http://shop.example/orders/7?force=1")
                .header("Authorization", "Basic YTpi").header("Cookie", "secret=1"));
    }

    @Test
    void sendsMethodPrefixedPathChosenHeadersAndContextAndCopiesHeadersToUpstreamWhenAllowed() throws Exception {
        answer = r -> r.response().putHeader("x-user", "alice").putHeader("x-other", "no").end("ignored");
        TestFilterContext ctx = request();

        assertThat(Steps.isNext(FilterRun.headers(vertx, filter(), ctx))).isTrue();

        assertThat(seenLines).containsExactly("DELETE /check/orders/7?force=1");
        MultiMap sent = seenHeaders.get(0);
        assertThat(sent.get("authorization")).isEqualTo("Basic YTpi");
        assertThat(sent.get("host")).isEqualTo("shop.example");
        assertThat(sent.get("x-archway-context-config")).isEqualTo("basic");
        assertThat(sent.contains("cookie")).as("only headersToBackend are sent").isFalse();
        assertThat(ctx.request().headers().get("x-user")).isEqualTo("alice");
        assertThat(ctx.request().headers().contains("x-other")).isFalse();
    }

    @Test
    void aClientsCopyOfAnUpstreamHeaderGoesEvenWhenTheAnswerDoesNotSetIt() throws Exception {
        answer = r -> r.response().end();
        TestFilterContext ctx = request();
        ctx.request().header("X-User", "forged");

        assertThat(Steps.isNext(FilterRun.headers(vertx, filter(), ctx))).isTrue();

        assertThat(ctx.request().headers().contains("x-user")).isFalse();
    }

    @Test
    void aServerErrorOfTheServiceIsAFailureNotADenial() throws Exception {
        answer = r -> r.response().setStatusCode(503).end("idp down");

        LocalReply reply = Steps.reply(FilterRun.headers(vertx, filter(), request()));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().toString()).isEqualTo("authorization check failed\n");
        assertThat(metrics.events()).containsExactly("failed:error");
    }

    @Test
    void anyOtherAnswerGoesBackToTheClient() throws Exception {
        answer = r -> r.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"shop\"")
                .putHeader("Connection", "keep-alive").end("who are you?");

        LocalReply reply = Steps.reply(FilterRun.headers(vertx, filter(), request()));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().get("www-authenticate")).isEqualTo("Basic realm=\"shop\"");
        assertThat(reply.headers().contains("connection")).isFalse();
        assertThat(reply.body().toString()).isEqualTo("who are you?");
    }
}
