package dev.archway.gateway.cli;

import ch.qos.logback.classic.LoggerContext;
import dev.archway.ratelimit.server.RateLimitServer;
import dev.archway.sidekit.config.ConfigException;
import dev.archway.ratelimit.server.config.ConfigReader;
import dev.archway.ratelimit.server.config.Domain;
import dev.archway.ratelimit.server.config.RateLimitServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code archway ratelimit-server -c FILE}: serve Envoy's rate limit service (RLS v3) from a
 * {@code RateLimitServerConfig} file, hot-reloaded, until SIGTERM; then stop accepting and let
 * calls in flight finish. With {@code --validate}, only read and check the file: print every
 * problem with its field path and exit 1 if there is any.
 */
@Command(name = "ratelimit-server", mixinStandardHelpOptions = true,
        description = "Serve Envoy's rate limit service (RLS v3) from a RateLimitServerConfig file (hot-reloaded).")
final class RateLimitServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitServerCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
            description = "The RateLimitServerConfig YAML file.")
    Path config;

    @Option(names = "--validate", description = "Only read and check the file; exit 1 if it has a problem.")
    boolean validate;

    @Override
    public Integer call() throws Exception {
        return validate ? validate() : serve();
    }

    private int validate() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RateLimitServerConfig read = ConfigReader.read(config);
            int descriptors = read.domains().values().stream().mapToInt(Domain::size).sum();
            out.printf("%s: ok: %d domain(s), %d descriptor(s), gRPC on %s, counts %s%n", config,
                    read.domains().size(), descriptors, read.listen(),
                    read.redis() == null ? "in memory" : "in Redis at " + read.redis().redactedUrl());
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(problem -> out.println(config + ": " + problem));
            return 1;
        } finally {
            out.flush();
        }
    }

    private int serve() throws InterruptedException {
        return SideServiceRunner.serve("the rate limit server", vertx -> RateLimitServer.start(vertx, config), RateLimitServer::close,
                RateLimitServer.DRAIN_TIME);
    }
}
