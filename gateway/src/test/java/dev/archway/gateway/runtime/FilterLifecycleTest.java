package dev.archway.gateway.runtime;

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

import dev.archway.gateway.testing.EchoBackend;
import dev.archway.gateway.testing.TestClient;
import dev.archway.gateway.testing.TestGateway;
import dev.archway.gatewayapi.ir.FilterSpec;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import dev.archway.plugins.registry.FilterRegistry;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters hold resources (timers, Wasm instances): they are closed once nothing can use them. */
class FilterLifecycleTest {
    /** A filter kind whose config is an id; it records when it is closed. */
    static final class ClosingFactory implements FilterFactory<String> {
        final List<String> closed = new CopyOnWriteArrayList<>();

        @Override
        public String kind() {
            return "test.archway.dev/closing";
        }

        @Override
        public FilterStage stage() {
            return FilterStage.USER;
        }

        @Override
        public Class<String> configType() {
            return String.class;
        }

        @Override
        public List<String> validate(String config) {
            return config.startsWith("invalid") ? List.of("config: " + config + " (expected: a valid id)") : List.of();
        }

        @Override
        public HttpFilter create(String config, FilterBuildContext context) {
            return new HttpFilter() {
                @Override
                public void close() {
                    closed.add(config);
                }
            };
        }
    }

    private final ClosingFactory factory = new ClosingFactory();
    private Vertx backends;
    private EchoBackend echo;
    private TestGateway gateway;
    private TestClient client;
    private int port;

    @BeforeEach
    void start() {
        backends = Vertx.vertx();
        echo = EchoBackend.start(backends, "echo");
        gateway = TestGateway.start(FilterRegistry.of(List.of(factory)));
        client = TestClient.http1(backends);
        port = TestGateway.freePort();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        backends.close();
    }

    private Snapshot withFilterIds(String... ids) {
        FilterSpec[] specs = new FilterSpec[ids.length];
        for (int i = 0; i < ids.length; i++) {
            specs[i] = new FilterSpec(factory.kind(), "route/r/filter/" + i, ids[i]);
        }
        return snapshot(List.of(httpPort(port, listener("l", null, vhost("*",
                        withFilters(route("r", prefix("/"), backend("c", 1)), specs))))),
                cluster("c", UpstreamProtocol.HTTP1, endpoint(echo.port())));
    }

    @Test
    void replacedRuntimeClosesItsFiltersOnlyAfterItsLastRequestEnded() {
        gateway.serve(withFilterIds("v1"));
        int before = echo.requests();
        CompletableFuture<TestClient.Response> slow = CompletableFuture.supplyAsync(() -> client.get(port, "h", "/?delay=1500"));
        await().atMost(Duration.ofSeconds(5)).until(() -> echo.requests() > before);

        gateway.serve(withFilterIds("v2"));
        assertThat(factory.closed).doesNotContain("v1");
        assertThat(slow.join().status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(factory.closed).containsExactly("v1"));
        assertThat(client.get(port, "h", "/").status()).isEqualTo(200);
        assertThat(factory.closed).containsExactly("v1");
    }

    @Test
    void rejectedSnapshotClosesTheFiltersItHadAlreadyBuilt() {
        gateway.serve(withFilterIds("v1"));
        var result = gateway.apply(withFilterIds("v2-built", "invalid-one"));
        assertThat(result.applied()).isFalse();
        assertThat(factory.closed).containsExactly("v2-built");
        assertThat(client.get(port, "h", "/").status()).isEqualTo(200);
    }
}
