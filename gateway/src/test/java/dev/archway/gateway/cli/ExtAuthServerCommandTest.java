package dev.archway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExtAuthServerCommandTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            kind: ExtAuthServerConfig
            spec:
              listen: {grpc: "127.0.0.1:9001"}
              defaultConfig: api-keys
              configs:
              - name: api-keys
                apiKey:
                  keys: [{name: alice, sha256: "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"}]
              - name: basic
                basic: {htpasswdFile: htpasswd}
            """;

    record Run(int code, String out) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new ArchwayCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(new StringWriter()));
        return new Run(command.execute(args), out.toString());
    }

    @Test
    void validateSummarizesAGoodFile() throws Exception {
        Files.writeString(dir.resolve("htpasswd"), "bob:$2y$04$" + "a".repeat(53) + "\n");
        Path file = Files.writeString(dir.resolve("extauth.yaml"), CONFIG);

        Run run = run("extauth-server", "-c", file.toString(), "--validate");

        assertThat(run.out()).isEqualTo(file + ": ok: 2 config(s) (api-keys, basic), default api-keys, gRPC on 127.0.0.1:9001\n");
        assertThat(run.code()).isZero();
    }

    @Test
    void validatePrintsEveryProblemWithItsFieldPathAndFails() throws Exception {
        Files.writeString(dir.resolve("htpasswd"), "bob:$apr1$xyz$abcdefgh\n");
        Path file = Files.writeString(dir.resolve("extauth.yaml"), CONFIG.replace("sha256: \"2bb8", "sha256: \"zz"));

        Run run = run("extauth-server", "-c", file.toString(), "--validate");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(file + ": spec.configs[0].apiKey.keys[0].sha256: 62 characters, not 64 hex digits")
                .contains("spec.configs[1].basic.htpasswdFile (" + dir.resolve("htpasswd") + ") line 1: user \"bob\" has an MD5");
    }
}
