package dev.archway.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class TraceContextTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    @Test
    void continuesAValidTraceWithTheGatewayAsTheUpstreamsParent() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("traceparent", "00-" + TRACE + "-" + PARENT + "-01").add("tracestate", "vendor=x");
        TraceContext trace = TraceContext.continueFrom(headers);
        assertThat(trace.traceId()).isEqualTo(TRACE);
        assertThat(trace.parentId()).isEqualTo(PARENT);
        assertThat(trace.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(PARENT).isNotEqualTo("0".repeat(16));
        assertThat(headers.get("traceparent")).isEqualTo("00-" + TRACE + "-" + trace.spanId() + "-01");
        assertThat(headers.get("tracestate")).isEqualTo("vendor=x");
    }

    @Test
    void readsAFutureVersionAsVersion00() {
        TraceContext trace = TraceContext.parse("01-" + TRACE + "-" + PARENT + "-01-extra");
        assertThat(trace).isNotNull();
        assertThat(trace.header()).startsWith("00-" + TRACE + "-");
    }

    @Test
    void leavesAnInvalidTraceparentAsItCame() {
        for (String invalid : new String[] {
            "00-" + TRACE + "-" + PARENT + "-01-extra", // version 00 has no more fields
            "ff-" + TRACE + "-" + PARENT + "-01", // version ff is invalid
            "00-" + "0".repeat(32) + "-" + PARENT + "-01", // all-zero trace id
            "00-" + TRACE + "-" + "0".repeat(16) + "-01", // all-zero parent id
            "00-" + TRACE.toUpperCase() + "-" + PARENT + "-01", // upper case
            "00-" + TRACE + "_" + PARENT + "-01", // wrong separator
            "garbage"}) {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("traceparent", invalid);
            assertThat(TraceContext.continueFrom(headers)).as(invalid).isNull();
            assertThat(headers.get("traceparent")).isEqualTo(invalid);
        }
        assertThat(TraceContext.continueFrom(MultiMap.caseInsensitiveMultiMap())).isNull();
    }
}
