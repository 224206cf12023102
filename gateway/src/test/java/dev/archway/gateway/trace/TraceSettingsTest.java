package dev.archway.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceSettingsTest {

    @Test
    void addsTheTracesPathToAnHttpEndpointWithoutOneAsOtlpClientsDo() {
        assertThat(TraceSettings.parse("http://collector:4318", "http/protobuf", 1, "archway", List.of()).endpoint())
                .hasToString("http://collector:4318/v1/traces");
        assertThat(TraceSettings.parse("https://collector:4318/", "http/protobuf", 1, "archway", List.of()).endpoint())
                .hasToString("https://collector:4318/v1/traces");
        assertThat(TraceSettings.parse("http://collector/custom/traces", "http/protobuf", 1, "archway", List.of())
                .endpoint()).hasToString("http://collector/custom/traces");
        assertThat(TraceSettings.parse("http://collector:4317", "GRPC", 1, "archway", List.of()).endpoint())
                .hasToString("http://collector:4317");
    }

    @Test
    void readsHeadersAsNameEqualsValue() {
        assertThat(TraceSettings.parse("http://c:4318", "http/protobuf", 0.5, "edge",
                List.of("x-api-key=s3cr=t", "tenant = a")).headers())
                .containsEntry("x-api-key", "s3cr=t").containsEntry("tenant", "a");
    }

    @Test
    void refusesBadValuesNamingTheOptionAndWhatIsExpected() {
        assertThatThrownBy(() -> TraceSettings.parse("collector:4318", "http/protobuf", 1, "a", List.of()))
                .hasMessage("--otlp-endpoint: 'collector:4318' (expected: an http or https URL with a host, "
                        + "e.g. http://127.0.0.1:4318)");
        assertThatThrownBy(() -> TraceSettings.parse("http://c", "http/json", 1, "a", List.of()))
                .hasMessage("--otlp-protocol: 'http/json' (expected: http/protobuf or grpc)");
        assertThatThrownBy(() -> TraceSettings.parse("http://c", "grpc", 1.5, "a", List.of()))
                .hasMessage("--trace-sampling: 1.5 (expected: 0 to 1)");
        assertThatThrownBy(() -> TraceSettings.parse("http://c", "grpc", Double.NaN, "a", List.of()))
                .hasMessage("--trace-sampling: NaN (expected: 0 to 1)");
        assertThatThrownBy(() -> TraceSettings.parse("http://c", "grpc", 1, "a", List.of("novalue")))
                .hasMessage("--otlp-header: 'novalue' (expected: NAME=VALUE)");
        assertThatThrownBy(() -> TraceSettings.parse("http://c", "grpc", 1, " ", List.of()))
                .hasMessage("--trace-service-name: empty (expected: a name such as archway)");
    }
}
