package dev.archway.gateway.cli;

import ch.qos.logback.classic.LoggerContext;
import dev.archway.extauth.server.ExtAuthServer;
import dev.archway.sidekit.config.ConfigException;
import dev.archway.extauth.server.config.ConfigReader;
import dev.archway.extauth.server.config.ExtAuthServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * {@code archway extauth-server -c FILE}: serve Envoy's external authorization service (ext_authz
 * v3, gRPC) and its HTTP mode from an {@code ExtAuthServerConfig} file, hot-reloaded, until
 * SIGTERM; then stop accepting and let checks in flight finish. With {@code --validate}, only
 * read and check the file and the files it names: print every problem with its field path and
 * exit 1 if there is any.
 */
@Command(name = "extauth-server", mixinStandardHelpOptions = true,
        description = "Serve Envoy's external authorization service (ext_authz v3) from an ExtAuthServerConfig file"
                + " (hot-reloaded).")
final class ExtAuthServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ExtAuthServerCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
            description = "The ExtAuthServerConfig YAML file.")
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
            ExtAuthServerConfig read = ConfigReader.read(config);
            List<String> listen = new ArrayList<>();
            if (read.grpc() != null) {
                listen.add("gRPC on " + read.grpc());
            }
            if (read.http() != null) {
                listen.add("HTTP on " + read.http());
            }
            out.printf("%s: ok: %d config(s) (%s), default %s, %s%n", config, read.configs().size(),
                    String.join(", ", read.configs().keySet()),
                    read.defaultConfig() == null ? "none" : read.defaultConfig(), String.join(", ", listen));
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(problem -> out.println(config + ": " + problem));
            return 1;
        } finally {
            out.flush();
        }
    }

    private int serve() throws InterruptedException {
        return SideServiceRunner.serve("the ext auth server", vertx -> ExtAuthServer.start(vertx, config), ExtAuthServer::close,
                ExtAuthServer.DRAIN_TIME);
    }
}
