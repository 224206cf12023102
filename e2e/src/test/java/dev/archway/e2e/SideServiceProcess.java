package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A side service ({@code archway ratelimit-server} or {@code archway extauth-server}) as a separate
 * process, started from the built jar.
 */
final class SideServiceProcess implements AutoCloseable {
    final int port;
    final int adminPort;
    private final Process process;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SideServiceProcess(int port, int adminPort, Process process, Path log) {
        this.port = port;
        this.adminPort = adminPort;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a server on free ports with {@code domains} (YAML of {@code spec.domains}, indented
     * for the spec) and Redis at {@code redisPort}, and waits until its admin {@code /ready} is 200.
     */
    static SideServiceProcess rateLimitServer(Path dir, String name, int redisPort, String domains) throws Exception {
        int port = GatewayProcess.freePort();
        int admin = GatewayProcess.freePort();
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                kind: RateLimitServerConfig
                spec:
                  listen: "127.0.0.1:%d"
                  admin: "127.0.0.1:%d"
                  redis: {url: "redis://127.0.0.1:%d", timeout: 2s}
                %s""".formatted(port, admin, redisPort, domains));
        return start("ratelimit-server", config, port, admin);
    }

    /**
     * Starts {@code archway COMMAND -c CONFIG}, whose file puts the service on {@code port} and its
     * admin endpoint on {@code admin}, and waits until {@code /ready} answers 200.
     */
    static SideServiceProcess start(String command, Path config, int port, int admin) throws Exception {
        Path log = Files.createTempFile("archway-side-e2e", ".log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", GatewayProcess.JAR.toString(), command, "-c", config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SideServiceProcess server = new SideServiceProcess(port, admin, p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("%s exited:\n%s", command, server.log()).isTrue();
            try {
                if (server.admin("/ready").statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // admin endpoint not listening yet
            }
            Thread.sleep(100);
        }
        server.close();
        throw new AssertionError(command + " not ready within 30 s:\n" + server.log());
    }

    HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
