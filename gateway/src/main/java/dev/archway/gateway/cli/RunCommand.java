package dev.archway.gateway.cli;

import ch.qos.logback.classic.LoggerContext;
import dev.archway.gateway.admin.AdminServer;
import dev.archway.gateway.identity.IdentitySources;
import dev.archway.gateway.runtime.DataPlane;
import dev.archway.gateway.accesslog.AccessLog;
import dev.archway.gateway.accesslog.AccessLogFormat;
import dev.archway.gateway.runtime.DataPlaneSettings;
import dev.archway.gateway.runtime.Reloader;
import dev.archway.gateway.runtime.StatusStore;
import dev.archway.gateway.trace.OtlpTracing;
import dev.archway.gateway.trace.RequestTracing;
import dev.archway.gateway.trace.TraceSettings;
import dev.archway.gatewayapi.source.FileSource;
import dev.archway.plugins.registry.FilterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code archway run}: serve the resources of the given files and directories, hot-reloaded;
 * without {@code -c}, the bundled quickstart. SIGTERM stops accepting, lets requests in flight
 * finish for up to {@link #DRAIN_TIME}, then exits.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Serve the Gateway API resources of the given YAML files and directories (hot-reloaded).")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    static final Duration DRAIN_TIME = Duration.ofSeconds(10);

    @Option(names = {"-c", "--config"}, paramLabel = "PATH",
            description = "A YAML file, or a directory of *.yaml files; repeatable. Default: the bundled quickstart.")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9901",
            converter = HostPort.Converter.class, description = "Admin endpoint address (default: ${DEFAULT-VALUE}).")
    HostPort admin;

    @Option(names = "--access-log", paramLabel = "stdout|off|FILE", defaultValue = "stdout",
            description = "Where the access log goes: stdout, off, or a file appended to (default: ${DEFAULT-VALUE}).")
    String accessLog;

    @Option(names = "--access-log-format", paramLabel = "json|text", defaultValue = "json",
            converter = FormatConverter.class,
            description = "One JSON object per line, or one line of text (default: ${DEFAULT-VALUE}).")
    AccessLogFormat accessLogFormat;

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Export spans to this OpenTelemetry collector (e.g. http://127.0.0.1:4318); "
                    + "tracing is off without it.")
    String otlpEndpoint;

    @Option(names = "--otlp-protocol", paramLabel = "http/protobuf|grpc", defaultValue = "http/protobuf",
            description = "OTLP transport (default: ${DEFAULT-VALUE}).")
    String otlpProtocol;

    @Option(names = "--otlp-header", paramLabel = "NAME=VALUE",
            description = "A header sent with every export, e.g. an API key; repeatable.")
    List<String> otlpHeaders = new ArrayList<>();

    @Option(names = "--trace-sampling", paramLabel = "RATIO", defaultValue = "1.0",
            description = "Share of new traces recorded, 0 to 1; a caller's sampling decision is followed "
                    + "(default: ${DEFAULT-VALUE}).")
    double traceSampling;

    @Option(names = "--trace-service-name", paramLabel = "NAME", defaultValue = "archway",
            description = "service.name of the spans (default: ${DEFAULT-VALUE}).")
    String traceServiceName;

    @picocli.CommandLine.Mixin
    IdentityOptions identityOptions = new IdentityOptions();

    /** Lower-case names on the command line, a clear error otherwise. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<AccessLogFormat> {
        @Override
        public AccessLogFormat convert(String value) {
            return switch (value) {
                case "json" -> AccessLogFormat.JSON;
                case "text" -> AccessLogFormat.TEXT;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' (expected: json or text)");
            };
        }
    }

    /** Off without an endpoint; otherwise the exporter, or an error naming the bad option. */
    private RequestTracing tracing() {
        if (otlpEndpoint == null) {
            return RequestTracing.OFF;
        }
        TraceSettings settings = TraceSettings.parse(otlpEndpoint, otlpProtocol, traceSampling, traceServiceName,
                otlpHeaders);
        LOG.info("tracing: spans to {} over OTLP {}, {} of new traces sampled", settings.endpoint(),
                settings.protocol().text(), settings.sampling());
        return OtlpTracing.start(settings);
    }

    @Override
    public Integer call() throws Exception {
        List<Path> paths = configs.isEmpty() ? List.of(Configs.extractQuickstart()) : List.copyOf(configs);
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
        LOG.info("starting archway: config {}, {} event loop(s), native transport {}", paths, loops,
                vertx.isNativeTransportEnabled() ? "on" : "off");
        FilterRegistry registry = FilterRegistry.withBuiltIns();
        AccessLog requests;
        RequestTracing tracing;
        IdentitySources.Started identity;
        try {
            identity = IdentitySources.start(vertx, identityOptions.settings());
            tracing = tracing();
            requests = AccessLog.to(accessLog, accessLogFormat);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            vertx.close();
            return 1;
        }
        DataPlane dataPlane = new DataPlane(vertx, DataPlaneSettings.defaults(loops), registry, requests, tracing,
                identity.identity());
        StatusStore status = new StatusStore();
        AdminServer adminServer = new AdminServer(vertx, status, dataPlane.filterStats(), dataPlane.metrics(),
                identity.identity());
        try {
            adminServer.start(admin.host(), admin.port()).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("cannot start the admin endpoint on {}: {}", admin, e.getCause() == null ? e : e.getCause());
            vertx.close();
            return 1;
        }
        LOG.info("admin endpoint on http://{}/ (ready, healthz, status, config_dump, stats, metrics)", admin);
        FileSource source = new FileSource(paths);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> shutdown(source, dataPlane, adminServer, status, vertx, requests, tracing, identity.source()),
                "archway-shutdown"));
        source.start(new Reloader(Configs.translator(registry), dataPlane, status));
        new CountDownLatch(1).await();
        return 0;
    }

    private static void shutdown(FileSource source, DataPlane dataPlane, AdminServer adminServer, StatusStore status,
            Vertx vertx, AccessLog requests, RequestTracing tracing, AutoCloseable identitySource) {
        LOG.info("shutting down: no new connections; requests in flight have up to {} s", DRAIN_TIME.toSeconds());
        status.markDraining();
        source.close();
        try {
            identitySource.close();
            dataPlane.shutdown(DRAIN_TIME).toCompletionStage().toCompletableFuture()
                    .get(DRAIN_TIME.toSeconds() + 2, TimeUnit.SECONDS);
            adminServer.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("shutdown did not complete cleanly: {}", e.toString());
        }
        tracing.close();
        LOG.info("stopped");
        requests.close();
        // The access log is written by an async appender: flush it before the JVM goes.
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
