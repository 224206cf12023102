package dev.archway.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogFileTest {

    private static AccessRecord record(String path, int status, String traceId) {
        return new AccessRecord(Instant.parse("2026-01-02T03:04:05Z"), "HTTP/1.1", "10.0.0.1", "GET", "example.com",
                path, status, "httproute/ns/r/rule/0/match/0", "backend/ns/b", "10.0.0.2:8080", 0, 12, 3, "upstream",
                null, null, traceId, traceId == null ? null : "00f067aa0ba902b7");
    }

    @Test
    void appendsTextLinesToTheFileFromItsOwnThread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "earlier line\n");
        try (AccessLog log = AccessLog.to(file.toString(), AccessLogFormat.TEXT)) {
            log.log(record("/a \"quoted\"", 200, "4bf92f3577b34da6a3ce929d0e0e4736"));
            log.log(record("/b", 404, null));
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readAllLines(file).size() == 3);
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "earlier line",
                "[2026-01-02T03:04:05Z] \"GET /a \\\"quoted\\\" HTTP/1.1\" 200 upstream 0 12 3 \"10.0.0.1\""
                        + " \"example.com\" \"httproute/ns/r/rule/0/match/0\" \"backend/ns/b\" \"10.0.0.2:8080\" -"
                        + " \"4bf92f3577b34da6a3ce929d0e0e4736\"",
                "[2026-01-02T03:04:05Z] \"GET /b HTTP/1.1\" 404 upstream 0 12 3 \"10.0.0.1\" \"example.com\""
                        + " \"httproute/ns/r/rule/0/match/0\" \"backend/ns/b\" \"10.0.0.2:8080\" - -");
    }

    @Test
    void writesWhatIsQueuedBeforeClosing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        try (AccessLog log = AccessLog.to(file.toString(), AccessLogFormat.JSON)) {
            for (int i = 0; i < 1000; i++) {
                log.log(record("/" + i, 200, null));
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(1000).last().asString().contains("\"path\":\"/999\"");
    }

    @Test
    void refusesAFileItCannotAppendTo(@TempDir Path dir) {
        Path missing = dir.resolve("no/such/dir/access.log");
        assertThatThrownBy(() -> AccessLog.to(missing.toString(), AccessLogFormat.JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--access-log " + missing + ": cannot append to it");
    }
}
