package dev.archway.gateway.chain;

import static dev.archway.gateway.testing.Ir.backend;
import static dev.archway.gateway.testing.Ir.cluster;
import static dev.archway.gateway.testing.Ir.endpoint;
import static dev.archway.gateway.testing.Ir.httpPort;
import static dev.archway.gateway.testing.Ir.listener;
import static dev.archway.gateway.testing.Ir.prefix;
import static dev.archway.gateway.testing.Ir.route;
import static dev.archway.gateway.testing.Ir.snapshot;
import static dev.archway.gateway.testing.Ir.vhost;
import static dev.archway.gateway.testing.Ir.withFilters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.gateway.listener.ListenerSettings;
import dev.archway.gateway.runtime.DataPlane;
import dev.archway.gateway.runtime.DataPlaneSettings;
import dev.archway.gateway.testing.EchoBackend;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestClient.Response;
import dev.archway.gateway.testing.TestFilters;
import dev.archway.gateway.testing.TestFilters.Config;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gateway.upstream.UpstreamSettings;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.HeaderModifierConfig;
import dev.archway.gatewayapi.ir.filters.HeaderValue;
import dev.archway.gatewayapi.ir.filters.RequestRedirectConfig;
import dev.archway.plugins.builtin.headers.RequestHeaderModifierFactory;
import dev.archway.plugins.builtin.headers.ResponseHeaderModifierFactory;
import dev.archway.plugins.builtin.redirect.RequestRedirectFactory;
import dev.archway.plugins.registry.FilterRegistry;
import dev.archway.plugins.spi.FilterFactory;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FilterChainTest {
    private static final int BODY_LIMIT = 64 * 1024;
    private static Vertx backends;
    private static EchoBackend echo;
    private static TestGateway gateway;
    private static TestClient client;
    private static int port;

    @BeforeAll
    static void start() {
        backends = Vertx.vertx();
        echo = EchoBackend.start(backends, "echo");
        List<FilterFactory<?>> factories = new ArrayList<>(TestFilters.all());
        factories.add(new RequestHeaderModifierFactory());
        factories.add(new ResponseHeaderModifierFactory());
        factories.add(new RequestRedirectFactory());
        DataPlaneSettings settings = new DataPlaneSettings(ListenerSettings.defaults(2), UpstreamSettings.defaults(),
                new ExchangeSettings(BODY_LIMIT), Duration.ofSeconds(10));
        gateway = TestGateway.start(FilterRegistry.of(factories), settings);
        client = TestClient.http1(backends);
        port = TestGateway.freePort();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        backends.close();
    }

    private static ClusterIr echoCluster() {
        return cluster("echo", UpstreamProtocol.HTTP1, endpoint(echo.port()));
    }

    private static FilterSpec spec(String kind, String name, String value) {
        return new FilterSpec(kind, "filter/" + kind + "/" + name, new Config(name, value));
    }

    private static void serve(RouteIr... routes) {
        gateway.serve(snapshot(List.of(httpPort(port, listener("l", null, vhost("*", routes)))), echoCluster()));
    }

    @Test
    void filterThatThrowsAnswers500AndTheGatewayKeepsServing() {
        RouteIr broken = withFilters(route("broken", prefix("/broken"), backend("echo", 1)),
                spec(TestFilters.THROWING, "t", "v"));
        serve(broken, route("fine", prefix("/"), backend("echo", 1)));
        FilterFailures failures = gateway.dataPlane().failures();
        long before = failures.count("filter/test/throwing/t");

        assertThat(client.get(port, "h", "/broken").status()).isEqualTo(500);
        assertThat(client.get(port, "h", "/broken").status()).isEqualTo(500);
        assertThat(client.get(port, "h", "/fine").status()).isEqualTo(200);
        assertThat(failures.count("filter/test/throwing/t")).isEqualTo(before + 2);
    }

    @Test
    void failedFutureAnswers500() {
        serve(withFilters(route("r", prefix("/"), backend("echo", 1)), spec(TestFilters.FAILING_FUTURE, "f", "v")));

        assertThat(client.get(port, "h", "/").status()).isEqualTo(500);
    }

    @Test
    void awaitedFilterResumesOnTheEventLoopAndItsChangesReachTheUpstream() {
        serve(withFilters(route("r", prefix("/"), backend("echo", 1)), spec(TestFilters.AWAIT_HEADER, "x-awaited", "yes")));

        Response response = client.get(port, "h", "/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.echoedHeader("x-awaited")).isEqualTo("yes");
    }

    @Test
    void runsFiltersByStageNotByConfigOrder() {
        // The ROUTE-stage reply comes first in config order, the AUTHZ-stage failure runs first.
        serve(withFilters(route("r", prefix("/"), backend("echo", 1)),
                spec(TestFilters.REPLY, "200", "replied"), spec(TestFilters.FAILING_FUTURE, "f", "v")));

        assertThat(client.get(port, "h", "/").status()).isEqualTo(500);
    }

    @Test
    void localReplyPassesThroughResponseFiltersThatAlreadyRan() {
        HeaderModifierConfig addHeader = new HeaderModifierConfig(List.of(),
                List.of(new HeaderValue("x-modified", "yes")), List.of());
        RouteIr redirecting = withFilters(route("r", prefix("/"), backend("echo", 1)),
                new FilterSpec(FilterKinds.RESPONSE_HEADER_MODIFIER, "filter/0", addHeader),
                new FilterSpec(FilterKinds.REQUEST_REDIRECT, "filter/1",
                        new RequestRedirectConfig("https", null, null, null, 301)));
        serve(redirecting);

        Response response = client.get(port, "example.com", "/path");

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.headers().get("location")).isEqualTo("https://example.com/path");
        assertThat(response.headers().get("x-modified")).isEqualTo("yes");
    }

    @Test
    void backendFiltersRunOnlyForTheirBackendAndBeforeRouteFiltersOnTheResponse() {
        HeaderModifierConfig request = new HeaderModifierConfig(List.of(new HeaderValue("x-backend-filter", "on")),
                List.of(), List.of());
        RouteIr route = withFilters(route("r", prefix("/"),
                        backend("echo", 1, new FilterSpec(FilterKinds.REQUEST_HEADER_MODIFIER, "backend/0", request),
                                spec(TestFilters.RESPONSE_HEADER, "x-order", "backend"))),
                spec(TestFilters.RESPONSE_HEADER, "x-order", "route"));
        serve(route);

        Response response = client.get(port, "h", "/");

        assertThat(response.echoedHeader("x-backend-filter")).isEqualTo("on");
        assertThat(response.headers().getAll("x-order")).containsExactly("backend", "route");
    }

    @Test
    void bufferingFilterSeesAndReplacesTheWholeBody() {
        serve(withFilters(route("r", prefix("/"), backend("echo", 1)), spec(TestFilters.UPPERCASE_BODY, "u", "v")));

        Response response = client.send(HttpMethod.POST, port, "h", "/", MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("hello body"));

        assertThat(response.json().getString("body")).isEqualTo("HELLO BODY");
        assertThat(response.echoedHeader("content-length")).isEqualTo("10");
    }

    @Test
    void returns413WhenBufferedBodyExceedsLimit() {
        serve(withFilters(route("r", prefix("/"), backend("echo", 1)), spec(TestFilters.UPPERCASE_BODY, "u", "v")));

        Response response = client.send(HttpMethod.POST, port, "h", "/", MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer(new byte[BODY_LIMIT + 1]));

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void bodyObserverSeesTheStreamedBodyAndItsEnd() {
        serve(withFilters(route("r", prefix("/"), backend("echo", 1)), spec(TestFilters.OBSERVE, "o", "streamed")));
        TestFilters.OBSERVED.remove("streamed");

        client.send(HttpMethod.POST, port, "h", "/", MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(new byte[200_000]));
        await().atMost(Duration.ofSeconds(5)).until(() -> TestFilters.OBSERVED.containsKey("streamed"));
        assertThat(TestFilters.OBSERVED.get("streamed").get()).isEqualTo(1_000_000_000L + 200_000);

        TestFilters.OBSERVED.remove("streamed");
        client.get(port, "h", "/");
        await().atMost(Duration.ofSeconds(5)).until(() -> TestFilters.OBSERVED.containsKey("streamed"));
        assertThat(TestFilters.OBSERVED.get("streamed").get()).isEqualTo(1_000_000_000L);
    }

    @Test
    void keepsTheServingRuntimeWhenAFilterConfigIsInvalid() {
        serve(route("r", prefix("/"), backend("echo", 1)));

        DataPlane.ApplyResult result = gateway.apply(snapshot(List.of(httpPort(port, listener("l", null, vhost("*",
                withFilters(route("r", prefix("/"), backend("echo", 1)), spec(TestFilters.INVALID, "i", "bad")))))),
                echoCluster()));

        assertThat(result.applied()).isFalse();
        assertThat(result.errors()).singleElement().asString()
                .contains("filter/test/invalid/i").contains("'bad' is never valid");
        assertThat(client.get(port, "h", "/").status()).isEqualTo(200);
    }

    @Test
    void reportsAnUnknownFilterKind() {
        DataPlane.ApplyResult result = gateway.apply(snapshot(List.of(httpPort(port, listener("l", null, vhost("*",
                withFilters(route("r", prefix("/"), backend("echo", 1)), spec("example.com/nope", "n", "v")))))),
                echoCluster()));

        assertThat(result.applied()).isFalse();
        assertThat(result.errors()).singleElement().asString().contains("unknown filter kind");
    }
}
