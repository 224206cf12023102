package dev.archway.extauth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.BoolValue;
import com.google.rpc.Status;
import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.filters.ExtAuthConfig;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.RecordingMetrics;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.spi.ClientCertificate;
import dev.archway.plugins.testing.TestRequest;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ext_authz v3 client against a minimal Check service on loopback: what is sent, what the client sees. */
class GrpcExtAuthFilterTest {
    private final Vertx vertx = Vertx.vertx();
    private final MinimalCheckServer service = new MinimalCheckServer(vertx);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<HttpFilter> filters = new ArrayList<>();

    @AfterEach
    void tearDown() {
        filters.forEach(HttpFilter::close);
        service.close();
        vertx.close().await();
    }

    private List<String> allowedHeaders = List.of();

    private HttpFilter filter(int port, Duration timeout, boolean failOpen, int statusOnError, ExtAuthConfig.Body body) {
        ExtAuthConfig config = new ExtAuthConfig("infra/auth", List.of(new EndpointIr("127.0.0.1", port)), null, timeout,
                failOpen, statusOnError, Map.of("config", "api-keys", "team", "orders"), body, allowedHeaders);
        ExtAuthFilterFactory factory = new ExtAuthFilterFactory();
        assertThat(factory.validate(config)).isEmpty();
        HttpFilter filter = factory.create(config, metrics.around(new TestBuildContext(vertx, null)));
        filters.add(filter);
        return filter;
    }

    private HttpFilter filter() {
        return filter(service.port(), Duration.ofSeconds(2), false, 403, null);
    }

    private static TestFilterContext request() {
        return new TestFilterContext(TestRequest.of("POST", "http://shop.example/orders/7?draft=1")
                .remoteAddress("192.0.2.9").listenerPort(8080)
                .header("Authorization", "Bearer abc").header("X-Api-Key", "k1").header("Accept", "a").header("accept", "b"));
    }

    private static HeaderValueOption header(String name, String value, Boolean append) {
        HeaderValueOption.Builder b = HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(name).setValue(value));
        if (append != null) {
            b.setAppend(BoolValue.of(append));
        }
        return b.build();
    }

    @Test
    void sendsTheRequestAttributesAndContextExtensionsAsEnvoyDoes() throws Exception {
        assertThat(Steps.isNext(FilterRun.headers(vertx, filter(), request()))).isTrue();

        AttributeContext attributes = service.received.get(0).getAttributes();
        AttributeContext.HttpRequest http = attributes.getRequest().getHttp();
        assertThat(http.getMethod()).isEqualTo("POST");
        assertThat(http.getPath()).isEqualTo("/orders/7?draft=1");
        assertThat(http.getHost()).isEqualTo("shop.example");
        assertThat(http.getScheme()).isEqualTo("http");
        assertThat(http.getHeadersMap()).containsEntry("authorization", "Bearer abc").containsEntry("x-api-key", "k1")
                .containsEntry("accept", "a,b");
        assertThat(http.getSize()).isEqualTo(-1);
        assertThat(attributes.getSource().getAddress().getSocketAddress().getAddress()).isEqualTo("192.0.2.9");
        assertThat(attributes.getDestination().getAddress().getSocketAddress().getPortValue()).isEqualTo(8080);
        assertThat(attributes.getContextExtensionsMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("config", "api-keys", "team", "orders"));
        assertThat(attributes.getRequest().getTime().getSeconds()).isPositive();
    }

    @Test
    void namesAVerifiedClientCertificatesSpiffeIdAsTheSourcePrincipalAndNeverAnUnverifiedOne() throws Exception {
        HttpFilter filter = filter();
        TestFilterContext verified = request();
        verified.request().clientCertificate(new ClientCertificate(true, "CN=web",
                List.of("spiffe://example.org/ns/shop/sa/web"), List.of()));
        TestFilterContext unverified = request();
        unverified.request().clientCertificate(new ClientCertificate(false, "CN=evil",
                List.of("spiffe://example.org/ns/shop/sa/admin"), List.of()));
        TestFilterContext subjectOnly = request();
        subjectOnly.request().clientCertificate(new ClientCertificate(true, "CN=legacy,O=Shop", List.of(), List.of()));

        FilterRun.headers(vertx, filter, verified);
        FilterRun.headers(vertx, filter, unverified);
        FilterRun.headers(vertx, filter, subjectOnly);

        assertThat(service.received).extracting(r -> r.getAttributes().getSource().getPrincipal())
                .containsExactly("spiffe://example.org/ns/shop/sa/web", "", "CN=legacy,O=Shop");
    }

    @Test
    void sendsOnlyTheAllowedHeadersWhenTheyAreNamed() throws Exception {
        allowedHeaders = List.of("x-api-key");

        assertThat(Steps.isNext(FilterRun.headers(vertx, filter(), request()))).isTrue();

        assertThat(service.received.get(0).getAttributes().getRequest().getHttp().getHeadersMap())
                .containsOnlyKeys("x-api-key");
    }

    @Test
    void anAllowingAnswerEditsTheUpstreamRequestAndTheClientsAnswer() throws Exception {
        service.answer = r -> CheckResponse.newBuilder()
                .setStatus(Status.newBuilder().setCode(0))
                .setOkResponse(OkHttpResponse.newBuilder()
                        .addHeaders(header("x-user", "alice", null))
                        .addHeaders(header("accept", "c", true))
                        .addHeadersToRemove("x-api-key")
                        .addResponseHeadersToAdd(header("x-auth-by", "minimal", null)))
                .build();
        HttpFilter filter = filter();
        TestFilterContext ctx = request();
        ctx.request().header("x-user", "forged");

        assertThat(Steps.isNext(FilterRun.headers(vertx, filter, ctx))).isTrue();
        ctx.response().status(200);
        filter.onResponseHeaders(ctx);

        assertThat(ctx.request().headers().getAll("x-user")).containsExactly("alice");
        assertThat(ctx.request().headers().getAll("accept")).containsExactly("a", "b", "c");
        assertThat(ctx.request().headers().contains("x-api-key")).isFalse();
        assertThat(ctx.response().headers().get("x-auth-by")).isEqualTo("minimal");
        assertThat(metrics.events()).containsExactly("allowed");
    }

    @Test
    void aDenialGoesToTheClientWithItsStatusHeadersAndBody() throws Exception {
        service.answer = r -> CheckResponse.newBuilder()
                .setStatus(Status.newBuilder().setCode(16))
                .setDeniedResponse(DeniedHttpResponse.newBuilder()
                        .setStatus(HttpStatus.newBuilder().setCode(StatusCode.Unauthorized))
                        .addHeaders(header("www-authenticate", "Basic realm=\"shop\"", null))
                        .setBody("{\"error\":\"invalid_api_key\"}"))
                .build();

        LocalReply reply = Steps.reply(FilterRun.headers(vertx, filter(), request()));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().get("www-authenticate")).isEqualTo("Basic realm=\"shop\"");
        assertThat(reply.body().toString()).isEqualTo("{\"error\":\"invalid_api_key\"}");
        assertThat(metrics.events()).containsExactly("denied:denied");
    }

    @Test
    void aDenialWithoutAnHttpStatusIs403() throws Exception {
        service.answer = r -> CheckResponse.newBuilder().setStatus(Status.newBuilder().setCode(7)).build();

        assertThat(Steps.reply(FilterRun.headers(vertx, filter(), request())).status()).isEqualTo(403);
    }

    @Test
    void aSilentServiceGivesStatusOnErrorAfterTheTimeoutOrPassesWhenFailOpen() throws Exception {
        service.answer = r -> null;

        long start = System.nanoTime();
        LocalReply reply = Steps.reply(FilterRun.headers(vertx,
                filter(service.port(), Duration.ofMillis(150), false, 503, null), request()));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(reply.status()).isEqualTo(503);
        assertThat(tookMillis).isBetween(140L, 2_000L);

        assertThat(Steps.isNext(FilterRun.headers(vertx,
                filter(service.port(), Duration.ofMillis(150), true, 503, null), request()))).isTrue();
        assertThat(metrics.events()).containsExactly("failed:timeout", "failed:timeout");
    }

    @Test
    void aServiceThatIsDownGivesStatusOnError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        LocalReply reply = Steps.reply(FilterRun.headers(vertx, filter(closed, Duration.ofSeconds(2), false, 403, null),
                request()));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().toString()).isEqualTo("authorization check failed\n");
        assertThat(metrics.events()).containsExactly("failed:unavailable");
    }

    @Test
    void sendsTheBodyWhenAskedAndCutsItWhenPartialIsAllowed() throws Exception {
        HttpFilter whole = filter(service.port(), Duration.ofSeconds(2), false, 403, new ExtAuthConfig.Body(8, false));
        HttpFilter cut = filter(service.port(), Duration.ofSeconds(2), false, 403, new ExtAuthConfig.Body(4, true));

        assertThat(Steps.isNext(FilterRun.headers(vertx, whole, request()))).as("waits for the body").isTrue();
        assertThat(service.received).isEmpty();
        assertThat(Steps.isNext(FilterRun.body(vertx, whole, request(), Buffer.buffer("12345678")))).isTrue();
        assertThat(Steps.isNext(FilterRun.body(vertx, cut, request(), Buffer.buffer("12345678")))).isTrue();
        LocalReply tooBig = Steps.reply(FilterRun.body(vertx, whole, request(), Buffer.buffer("123456789")));

        assertThat(service.received).hasSize(2);
        AttributeContext.HttpRequest first = service.received.get(0).getAttributes().getRequest().getHttp();
        AttributeContext.HttpRequest second = service.received.get(1).getAttributes().getRequest().getHttp();
        assertThat(first.getRawBody().toStringUtf8()).isEqualTo("12345678");
        assertThat(first.getHeadersMap()).doesNotContainKey("x-envoy-auth-partial-body");
        assertThat(second.getRawBody().toStringUtf8()).isEqualTo("1234");
        assertThat(second.getHeadersMap()).containsEntry("x-envoy-auth-partial-body", "true");
        assertThat(tooBig.status()).isEqualTo(413);
    }
}
