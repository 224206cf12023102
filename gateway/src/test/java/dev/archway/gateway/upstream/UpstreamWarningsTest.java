package dev.archway.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class UpstreamWarningsTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(UpstreamWarnings.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    @Test
    void aTlsFailureIsWarnedOncePerClusterAndIntervalNotOncePerRequest() {
        UpstreamFailure tls = new UpstreamFailure(503, "upstream_tls_failure",
                "TLS to upstream 10.0.0.1:443 failed: the mesh peer is spiffe://a/x, expected spiffe://a/y", null);
        for (int i = 0; i < 50; i++) {
            UpstreamWarnings.failed("warned-cluster", tls);
        }
        UpstreamWarnings.failed("other-cluster", tls);

        assertThat(events.list).hasSize(2);
        assertThat(events.list.get(0).getFormattedMessage())
                .contains("warned-cluster").contains("expected spiffe://a/y").contains("upstream_tls_failure");
    }

    @Test
    void routineFailuresAreLeftToTheAccessLog() {
        UpstreamWarnings.failed("c", new UpstreamFailure(502, "upstream_connect_failure", "refused", null));
        UpstreamWarnings.failed("c", UpstreamFailure.timeout("10.0.0.1:80", 100));

        assertThat(events.list).isEmpty();
    }
}
