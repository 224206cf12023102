package dev.archway.ratelimit.server;

import dev.archway.sidekit.admin.AdminEndpoint;
import static java.util.Objects.requireNonNull;

import dev.archway.ratelimit.rls.RateLimitServiceMethods;
import dev.archway.sidekit.config.Address;
import dev.archway.ratelimit.server.config.RateLimitServerConfig;
import dev.archway.ratelimit.server.counter.CounterStore;
import dev.archway.ratelimit.server.counter.CounterStores;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.server.GrpcServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code archway ratelimit-server}: Envoy's rate limit service v3 over gRPC (h2c) on
 * {@code spec.listen}, answering from the domains of a {@code RateLimitServerConfig} file, with an
 * optional admin endpoint ({@code /healthz}, {@code /ready}, {@code /metrics}).
 *
 * <pre>
 * RateLimitServer server = RateLimitServer.start(vertx, Path.of("ratelimit.yaml"))
 *         .toCompletionStage().toCompletableFuture().get();
 * int port = server.port();   // the gRPC port, e.g. when spec.listen is 127.0.0.1:0
 * ...
 * server.close();             // stops accepting, lets calls in flight finish
 * </pre>
 *
 * <p>The file is checked every {@link #RELOAD_CHECK_PERIOD}. A changed file that reads well
 * replaces the domains at once (calls in flight keep the ones they started with) and counts
 * carry over, since a descriptor counts under the same key as long as its limit stays the same.
 * A file that does not read well is logged with every problem and the last good config keeps
 * serving. {@code listen}, {@code admin} and {@code redis} are read only at start: a change to
 * them is logged and takes effect after a restart.
 */
public final class RateLimitServer {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitServer.class);
    public static final Duration RELOAD_CHECK_PERIOD = Duration.ofSeconds(1);
    /** How long {@link #close()} lets calls in flight finish. */
    public static final Duration DRAIN_TIME = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Path file;
    private final Duration reloadPeriod;
    private final RateLimitServerConfig startup;
    private final ServerMetrics metrics = new ServerMetrics();
    private volatile RateLimitServerConfig serving;
    private volatile boolean ready;
    private CounterStore store;
    private RateLimitService service;
    private HttpServer grpc;
    private AdminEndpoint admin;
    private ConfigWatch watch;
    private Promise<Void> closed;

    private RateLimitServer(Vertx vertx, Path file, Duration reloadPeriod, RateLimitServerConfig config) {
        this.vertx = vertx;
        this.file = file;
        this.reloadPeriod = reloadPeriod;
        this.startup = config;
        this.serving = config;
    }

    /**
     * Reads {@code configFile} and starts serving it. Fails, with every problem of the file in the
     * message, when the file cannot be used; fails when a port cannot be bound. An unreachable
     * Redis does not stop the start: calls are answered UNAVAILABLE until it can be reached.
     */
    public static Future<RateLimitServer> start(Vertx vertx, Path configFile) {
        return start(vertx, configFile, RELOAD_CHECK_PERIOD);
    }

    static Future<RateLimitServer> start(Vertx vertx, Path configFile, Duration reloadPeriod) {
        requireNonNull(vertx, "vertx");
        requireNonNull(configFile, "configFile");
        return vertx.executeBlocking(() -> ConfigWatch.load(configFile), false).compose(loaded -> {
            if (loaded.config() == null) {
                return Future.failedFuture(new IllegalArgumentException(
                        configFile + ": cannot be used:\n  " + String.join("\n  ", loaded.problems())));
            }
            RateLimitServer server = new RateLimitServer(vertx, configFile, reloadPeriod, loaded.config());
            return server.startParts(loaded.fingerprint())
                    .map(server)
                    .recover(failure -> server.close().transform(ignored -> Future.failedFuture(failure)));
        });
    }

    private Future<Void> startParts(String fingerprint) {
        Context context = vertx.getOrCreateContext();
        Future<Void> storeReady;
        if (startup.redis() != null) {
            CounterStores.Connecting connecting = CounterStores.redis(startup.redis());
            store = connecting.store();
            metrics.watchRedis(store::available);
            storeReady = Future.fromCompletionStage(connecting.connected(), context).map(connected -> {
                if (!connected) {
                    LOG.warn("cannot reach Redis at {} now; calls are answered UNAVAILABLE until it can be reached",
                            startup.redis().redactedUrl());
                }
                return null;
            });
        } else {
            store = CounterStores.inMemory(vertx);
            storeReady = Future.succeededFuture();
        }
        service = new RateLimitService(store, metrics, startup.domains());
        GrpcServer calls = GrpcServer.server(vertx).callHandler(RateLimitServiceMethods.SERVER, service::handle);
        Address listen = startup.listen();
        return storeReady
                .compose(v -> vertx.createHttpServer().requestHandler(calls).listen(listen.port(), listen.host()))
                .compose(http -> {
                    grpc = http;
                    if (startup.admin() == null) {
                        return Future.succeededFuture();
                    }
                    admin = new AdminEndpoint(vertx, metrics::scrape, () -> ready);
                    return admin.start(startup.admin().host(), startup.admin().port()).mapEmpty();
                })
                .onSuccess(v -> {
                    ready = true;
                    watch = new ConfigWatch(vertx, file, reloadPeriod, fingerprint, this::reload);
                    watch.start();
                    LOG.info("rate limit service on {}:{} (gRPC), {} domain(s), counts {}{}", listen.host(), port(),
                            startup.domains().size(),
                            startup.redis() == null ? "in memory" : "in Redis at " + startup.redis().redactedUrl(),
                            admin == null ? "" : "; admin on http://" + startup.admin().host() + ":" + admin.port() + "/");
                })
                .mapEmpty();
    }

    private void reload(ConfigWatch.Loaded loaded) {
        if (loaded.config() == null) {
            metrics.reloaded(false);
            LOG.error("{}: the change is not applied, the previous config keeps serving:\n  {}", file,
                    String.join("\n  ", loaded.problems()));
            return;
        }
        RateLimitServerConfig next = loaded.config();
        needsRestart("listen", startup.listen(), next.listen());
        needsRestart("admin", startup.admin(), next.admin());
        needsRestart("redis", startup.redis(), next.redis());
        service.domains(next.domains());
        serving = new RateLimitServerConfig(startup.listen(), startup.admin(), startup.redis(), next.domains());
        metrics.reloaded(true);
        LOG.info("{}: reloaded, {} domain(s)", file, next.domains().size());
    }

    private void needsRestart(String field, Object running, Object wanted) {
        if (!Objects.equals(running, wanted)) {
            LOG.warn("{}: spec.{} changed to {}: takes effect after a restart; still {}", file, field,
                    wanted == null ? "nothing" : wanted, running == null ? "without" : running);
        }
    }

    /** The gRPC port (the bound one when {@code spec.listen} asks for port 0). */
    public int port() {
        return grpc.actualPort();
    }

    /** The admin port, or -1 without {@code spec.admin}. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** The config serving now: the domains of the last good file, the addresses and Redis of the start. */
    public RateLimitServerConfig config() {
        return serving;
    }

    /**
     * Stops watching the file and accepting calls, lets calls in flight finish for up to
     * {@link #DRAIN_TIME}, then closes the admin endpoint and the counter store. Idempotent.
     */
    public synchronized Future<Void> close() {
        if (closed != null) {
            return closed.future();
        }
        closed = Promise.promise();
        ready = false;
        if (watch != null) {
            watch.stop();
        }
        Future<Void> calls = grpc == null ? Future.succeededFuture()
                : grpc.shutdown(DRAIN_TIME.toMillis(), TimeUnit.MILLISECONDS);
        calls.transform(v -> admin == null ? Future.<Void>succeededFuture() : admin.close())
                .transform(v -> store == null ? Future.<Void>succeededFuture() : Future.fromCompletionStage(store.close()))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.warn("rate limit server did not close cleanly: {}", ar.cause().toString());
                    }
                    closed.complete();
                });
        return closed.future();
    }
}
