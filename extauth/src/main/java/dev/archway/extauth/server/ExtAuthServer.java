package dev.archway.extauth.server;

import dev.archway.sidekit.admin.AdminEndpoint;
import static java.util.Objects.requireNonNull;

import dev.archway.extauth.protocol.AuthorizationServiceMethods;
import dev.archway.extauth.server.auth.Authenticators;
import dev.archway.sidekit.config.Address;
import dev.archway.extauth.server.config.ConfigReader;
import dev.archway.extauth.server.config.ExtAuthServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.server.GrpcServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code archway extauth-server}: Envoy's external authorization service v3 over gRPC (h2c) on
 * {@code spec.listen.grpc} and/or the same checks over plain HTTP on {@code spec.listen.http},
 * from an {@code ExtAuthServerConfig} file, with an optional admin endpoint ({@code /healthz},
 * {@code /ready}, {@code /metrics}).
 *
 * <pre>
 * ExtAuthServer server = ExtAuthServer.start(vertx, Path.of("extauth.yaml"))
 *         .toCompletionStage().toCompletableFuture().get();
 * int grpc = server.grpcPort();   // e.g. when spec.listen.grpc is 127.0.0.1:0; -1 without it
 * int http = server.httpPort();   // -1 without spec.listen.http
 * ...
 * server.close();                 // stops accepting, lets checks in flight finish
 * </pre>
 *
 * <p>The file and the files it names are checked every {@link #RELOAD_CHECK_PERIOD}. A change
 * that reads well replaces every config at once (checks in flight keep the ones they started
 * with; caches start empty). A change that does not read well is logged with every problem and
 * the last good config keeps serving. {@code listen} and {@code admin} are read only at start.
 */
public final class ExtAuthServer {
    private static final Logger LOG = LoggerFactory.getLogger(ExtAuthServer.class);
    public static final Duration RELOAD_CHECK_PERIOD = Duration.ofSeconds(1);
    /** How long {@link #close()} lets checks in flight finish. */
    public static final Duration DRAIN_TIME = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Path file;
    private final Duration reloadPeriod;
    private final ExtAuthServerConfig startup;
    private final ServerMetrics metrics = new ServerMetrics();
    private final HttpClient client;
    private final Checks checks;
    private volatile ExtAuthServerConfig serving;
    private volatile boolean ready;
    private HttpServer grpc;
    private HttpServer http;
    private AdminEndpoint admin;
    private ConfigWatch watch;
    private Promise<Void> closed;

    private ExtAuthServer(Vertx vertx, Path file, Duration reloadPeriod, ExtAuthServerConfig config) {
        this.vertx = vertx;
        this.file = file;
        this.reloadPeriod = reloadPeriod;
        this.startup = config;
        this.serving = config;
        // Introspection calls; pooled, so a busy server reuses connections to its identity provider.
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        this.checks = new Checks(metrics, new Authenticators(vertx, client, config));
    }

    /**
     * Reads {@code configFile} and starts serving it. Fails, with every problem of the file in the
     * message, when the file cannot be used; fails when a port cannot be bound.
     */
    public static Future<ExtAuthServer> start(Vertx vertx, Path configFile) {
        return start(vertx, configFile, RELOAD_CHECK_PERIOD);
    }

    /** As {@link #start(Vertx, Path)}, checking the files every {@code reloadPeriod}. */
    public static Future<ExtAuthServer> start(Vertx vertx, Path configFile, Duration reloadPeriod) {
        requireNonNull(vertx, "vertx");
        requireNonNull(configFile, "configFile");
        requireNonNull(reloadPeriod, "reloadPeriod");
        return vertx.executeBlocking(() -> ConfigReader.load(configFile), false).compose(loaded -> {
            if (loaded.config() == null) {
                return Future.failedFuture(new IllegalArgumentException(
                        configFile + ": cannot be used:\n  " + String.join("\n  ", loaded.problems())));
            }
            ExtAuthServer server = new ExtAuthServer(vertx, configFile, reloadPeriod, loaded.config());
            return server.startParts(loaded)
                    .map(server)
                    .recover(failure -> server.close().transform(ignored -> Future.failedFuture(failure)));
        });
    }

    private Future<Void> startParts(ConfigReader.Loaded loaded) {
        Future<Void> started = Future.succeededFuture();
        if (startup.grpc() != null) {
            CheckService service = new CheckService(checks, metrics);
            GrpcServer calls = GrpcServer.server(vertx).callHandler(AuthorizationServiceMethods.SERVER, service::handle);
            Address at = startup.grpc();
            started = started.compose(v -> vertx.createHttpServer().requestHandler(calls).listen(at.port(), at.host()))
                    .map(server -> {
                        grpc = server;
                        return null;
                    });
        }
        if (startup.http() != null) {
            HttpCheckHandler handler = new HttpCheckHandler(checks);
            Address at = startup.http();
            started = started.compose(v -> vertx.createHttpServer().requestHandler(handler).listen(at.port(), at.host()))
                    .map(server -> {
                        http = server;
                        return null;
                    });
        }
        if (startup.admin() != null) {
            started = started.compose(v -> {
                admin = new AdminEndpoint(vertx, metrics::scrape, () -> ready);
                return admin.start(startup.admin().host(), startup.admin().port()).mapEmpty();
            });
        }
        return started.onSuccess(v -> {
            ready = true;
            watch = new ConfigWatch(vertx, file, reloadPeriod, loaded, this::reload);
            watch.start();
            LOG.info("ext auth service{}{}, {} config(s){}",
                    grpc == null ? "" : " on " + startup.grpc().host() + ":" + grpcPort() + " (gRPC)",
                    http == null ? "" : " on " + startup.http().host() + ":" + httpPort() + " (HTTP)",
                    startup.configs().size(),
                    admin == null ? "" : "; admin on http://" + startup.admin().host() + ":" + admin.port() + "/");
        });
    }

    private void reload(ConfigReader.Loaded loaded) {
        if (loaded.config() == null) {
            metrics.reloaded(false);
            LOG.error("{}: the change is not applied, the previous config keeps serving:\n  {}", file,
                    String.join("\n  ", loaded.problems()));
            return;
        }
        ExtAuthServerConfig next = loaded.config();
        needsRestart("listen.grpc", startup.grpc(), next.grpc());
        needsRestart("listen.http", startup.http(), next.http());
        needsRestart("admin", startup.admin(), next.admin());
        checks.authenticators(new Authenticators(vertx, client, next));
        serving = new ExtAuthServerConfig(startup.grpc(), startup.http(), startup.admin(), next.defaultConfig(),
                next.configs());
        metrics.reloaded(true);
        LOG.info("{}: reloaded, {} config(s)", file, next.configs().size());
    }

    private void needsRestart(String field, Object running, Object wanted) {
        if (!Objects.equals(running, wanted)) {
            LOG.warn("{}: spec.{} changed to {}: takes effect after a restart; still {}", file, field,
                    wanted == null ? "nothing" : wanted, running == null ? "without" : running);
        }
    }

    /** The gRPC port (the bound one when {@code spec.listen.grpc} asks for port 0), or -1 without it. */
    public int grpcPort() {
        return grpc == null ? -1 : grpc.actualPort();
    }

    /** The HTTP-mode port, or -1 without {@code spec.listen.http}. */
    public int httpPort() {
        return http == null ? -1 : http.actualPort();
    }

    /** The admin port, or -1 without {@code spec.admin}. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** The config serving now: the configs of the last good file, the addresses of the start. */
    public ExtAuthServerConfig config() {
        return serving;
    }

    /**
     * Stops watching the files and accepting checks, lets checks in flight finish for up to
     * {@link #DRAIN_TIME}, then closes the admin endpoint and the introspection client. Idempotent.
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
        Future<Void> grpcDrained = grpc == null ? Future.succeededFuture()
                : grpc.shutdown(DRAIN_TIME.toMillis(), TimeUnit.MILLISECONDS);
        Future<Void> httpDrained = http == null ? Future.succeededFuture()
                : http.shutdown(DRAIN_TIME.toMillis(), TimeUnit.MILLISECONDS);
        Future.join(grpcDrained, httpDrained)
                .transform(v -> admin == null ? Future.<Void>succeededFuture() : admin.close())
                .transform(v -> client.close())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.warn("ext auth server did not close cleanly: {}", ar.cause().toString());
                    }
                    closed.complete();
                });
        return closed.future();
    }
}
