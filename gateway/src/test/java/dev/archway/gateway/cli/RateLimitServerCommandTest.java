package dev.archway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RateLimitServerCommandTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            kind: RateLimitServerConfig
            spec:
              listen: "127.0.0.1:8081"
              redis: {url: "redis://admin:hunter2@10.0.0.9:6379"}
              domains:
              - domain: edge
                descriptors:
                - key: route
                  value: orders
                  rate_limit: {unit: minute, requests_per_unit: 100}
                  descriptors:
                  - key: remote_address
                    rate_limit: {unit: second, requests_per_unit: 5}
            """;

    record Run(int code, String out) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new ArchwayCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(new StringWriter()));
        int code = command.execute(args);
        return new Run(code, out.toString());
    }

    @Test
    void validateSummarizesAGoodFileWithoutItsRedisPassword() throws Exception {
        Path file = Files.writeString(dir.resolve("rls.yaml"), CONFIG);

        Run run = run("ratelimit-server", "-c", file.toString(), "--validate");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(file + ": ok: 1 domain(s), 2 descriptor(s), gRPC on 127.0.0.1:8081,"
                + " counts in Redis at redis://***@10.0.0.9:6379\n");
    }

    @Test
    void validatePrintsEveryProblemWithItsFieldPathAndFails() throws Exception {
        Path file = Files.writeString(dir.resolve("rls.yaml"),
                CONFIG.replace("unit: second", "unit: seconds").replace("listen:", "listn:"));

        Run run = run("ratelimit-server", "-c", file.toString(), "--validate");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().lines()).containsExactly(
                file + ": spec.listen: missing (expected: HOST:PORT, e.g. 127.0.0.1:8081)",
                file + ": spec.domains[0].descriptors[0].descriptors[0].rate_limit.unit: \"seconds\" is not a unit"
                        + " (expected: second, minute, hour, day)",
                file + ": spec.listn: unknown field (expected: listen, admin, redis, domains)");
    }

    @Test
    void validateReportsAMissingFile() {
        Path file = dir.resolve("absent.yaml");

        Run run = run("ratelimit-server", "-c", file.toString(), "--validate");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(file + ": no such file\n");
    }
}
