package dev.archway.gateway.testing;

import dev.archway.gateway.identity.GatewayIdentity;
import dev.archway.gateway.runtime.DataPlane;
import dev.archway.gateway.runtime.DataPlaneSettings;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.plugins.registry.FilterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A running data plane on loopback, fed snapshots built by hand. */
public final class TestGateway implements AutoCloseable {
    private final Vertx vertx;
    private final DataPlane dataPlane;

    private TestGateway(Vertx vertx, DataPlane dataPlane) {
        this.vertx = vertx;
        this.dataPlane = dataPlane;
    }

    public static TestGateway start(FilterRegistry registry) {
        return start(registry, DataPlaneSettings.defaults(2));
    }

    public static TestGateway start(FilterRegistry registry, DataPlaneSettings settings) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
        return new TestGateway(vertx, new DataPlane(vertx, settings, registry));
    }

    /** A data plane with the SPIFFE identity {@code identity} (presented to TLS upstreams). */
    public static TestGateway start(GatewayIdentity identity) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
        return new TestGateway(vertx, new DataPlane(vertx, DataPlaneSettings.defaults(2), FilterRegistry.withBuiltIns(),
                new dev.archway.gateway.accesslog.AccessLog(), dev.archway.gateway.trace.RequestTracing.OFF, identity));
    }

    public static TestGateway start() {
        return start(FilterRegistry.withBuiltIns());
    }

    /** Applies {@code snapshot}; fails the test on any build or bind error. */
    public TestGateway serve(Snapshot snapshot) {
        DataPlane.ApplyResult result = dataPlane.apply(snapshot);
        if (!result.applied() || !result.errors().isEmpty()) {
            throw new AssertionError("snapshot not applied: " + result.errors());
        }
        return this;
    }

    public DataPlane.ApplyResult apply(Snapshot snapshot) {
        return dataPlane.apply(snapshot);
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** A port free right now on 127.0.0.1 (a tiny race with other processes is accepted in tests). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            dataPlane.shutdown(Duration.ofSeconds(1)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // Closing Vert.x below releases whatever is left.
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
