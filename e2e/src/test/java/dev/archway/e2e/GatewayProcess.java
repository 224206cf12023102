package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code archway run -c DIR} as a separate process, the way a user starts it. Config files are
 * written atomically (temp file, then rename) as an operator's tooling would.
 */
final class GatewayProcess implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("archway.jar", "../gateway/target/archway.jar"));

    final Path configDir;
    final int adminPort;
    private final Process process;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayProcess(Path configDir, int adminPort, Process process, Path log) {
        this.configDir = configDir;
        this.adminPort = adminPort;
        this.process = process;
        this.log = log;
    }

    /** Starts the gateway on {@code configDir} and waits until admin {@code /ready} answers 200. */
    static GatewayProcess start(Path configDir) throws Exception {
        return start(configDir, new String[0]);
    }

    /** As {@link #start(Path)}, with more {@code archway run} options. */
    static GatewayProcess start(Path configDir, String... runOptions) throws Exception {
        assertThat(JAR).as("the gateway jar (built by the gateway module)").exists();
        int admin = freePort();
        Path log = Files.createTempFile("archway-e2e", ".log");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-jar", JAR.toString(), "run",
                "-c", configDir.toString(), "--admin", "127.0.0.1:" + admin));
        cmd.addAll(List.of(runOptions));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayProcess gw = new GatewayProcess(configDir, admin, p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("gateway exited with " + p.exitValue() + ":\n" + gw.log());
            }
            try {
                if (gw.admin("/ready").statusCode() == 200) {
                    return gw;
                }
            } catch (IOException notYet) {
                // admin server not listening yet
            }
            Thread.sleep(100);
        }
        gw.close();
        throw new AssertionError("gateway not ready within 30 s:\n" + gw.log());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void write(Path dir, String file, String yaml) throws IOException {
        Path tmp = Files.createTempFile(dir.getParent(), ".tmp-", ".yaml");
        Files.writeString(tmp, yaml);
        Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
