package dev.archway.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessRecordTest {

    @Test
    void writesOneLineOfValidJsonEvenForHostilePaths() {
        AccessRecord record = new AccessRecord(Instant.parse("2026-01-02T03:04:05Z"), "HTTP/1.1", "10.0.0.1", "GET",
                "example.com", "/a\"b\\c\n\u0001", 200, "httproute/ns/r/rule/0/match/0", "service/ns/s/80",
                "10.0.0.2:8080", 12, 34, 5, "upstream", null, null, "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

        String line = record.toJson();
        JsonObject json = new JsonObject(line);

        assertThat(line).doesNotContain("\n");
        assertThat(json.getString("path")).isEqualTo("/a\"b\\c\n\u0001");
        assertThat(json.getInteger("status")).isEqualTo(200);
        assertThat(json.getString("endpoint")).isEqualTo("10.0.0.2:8080");
        assertThat(json.getLong("bytes_sent")).isEqualTo(34);
        assertThat(json.containsKey("filter")).isFalse();
        assertThat(json.getString("time")).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.getString("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(json.getString("span_id")).isEqualTo("00f067aa0ba902b7");
    }
}
