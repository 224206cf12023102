package dev.archway.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gateway.identity.GatewayIdentity;
import dev.archway.gateway.identity.WorkloadIdentity;
import dev.archway.gateway.metrics.GatewayMetrics;
import dev.archway.gateway.metrics.IdentityMeters;
import dev.archway.gateway.stats.FilterStats;
import dev.archway.gateway.testing.TestSpiffeCa;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityStatusTest {
    private static final TestSpiffeCa CA = TestSpiffeCa.create("example.org");

    private static WorkloadIdentity identity(TestSpiffeCa.Svid svid) {
        return new WorkloadIdentity(svid.spiffeId(), List.of(svid.certificate()), svid.privateKey(),
                Map.of("example.org", List.of(CA.certificate())));
    }

    private static JsonObject condition(Map<String, Object> entry) {
        JsonObject json = JsonObject.mapFrom(entry);
        return json.getJsonObject("status").getJsonArray("conditions").getJsonObject(0);
    }

    @Test
    void beforeTheFirstSvidTheEntryIsNotReadyWithTheSourcesError() {
        GatewayIdentity identity = new GatewayIdentity("workload-api");
        identity.failed("cannot reach the Workload API at unix:///run/agent.sock");

        Map<String, Object> entry = IdentityStatus.of(identity, Instant.now());

        assertThat(entry).containsEntry("kind", "WorkloadIdentity");
        assertThat(condition(entry).getString("status")).isEqualTo("False");
        assertThat(condition(entry).getString("reason")).isEqualTo("Pending");
        assertThat(condition(entry).getString("message")).contains("unix:///run/agent.sock");
    }

    @Test
    void anIssuedSvidShowsItsIdExpiryAndRotationsAndAnExpiredOneIsNotReady() {
        GatewayIdentity identity = new GatewayIdentity("files");
        TestSpiffeCa.Svid first = CA.issue("/gw");
        identity.offer(identity(first));
        TestSpiffeCa.Svid second = CA.issue("/gw", Instant.now().minusSeconds(60), Instant.now().plusSeconds(120));
        identity.offer(identity(second));

        JsonObject status = JsonObject.mapFrom(IdentityStatus.of(identity, Instant.now())).getJsonObject("status");
        assertThat(status.getString("spiffeId")).isEqualTo("spiffe://example.org/gw");
        assertThat(status.getString("notAfter")).isEqualTo(second.certificate().getNotAfter().toInstant().toString());
        assertThat(status.getLong("rotations")).isEqualTo(1);
        assertThat(status.getJsonArray("conditions").getJsonObject(0).getString("reason")).isEqualTo("Issued");

        Map<String, Object> later = IdentityStatus.of(identity, Instant.now().plusSeconds(600));
        assertThat(condition(later).getString("status")).isEqualTo("False");
        assertThat(condition(later).getString("reason")).isEqualTo("Expired");
    }

    @Test
    void metricsTellExpiryRotationsAndErrors() {
        GatewayMetrics metrics = new GatewayMetrics(new FilterStats());
        GatewayIdentity identity = new GatewayIdentity("files");
        IdentityMeters.bind(metrics.registry(), identity);
        assertThat(metrics.scrape()).contains("archway_identity_svid_ready{source=\"files\"} 0.0");

        TestSpiffeCa.Svid svid = CA.issue("/gw");
        identity.offer(identity(svid));
        identity.offer(identity(CA.issue("/gw")));
        identity.failed("broken file");

        String scrape = metrics.scrape();
        assertThat(scrape).contains("archway_identity_svid_ready{source=\"files\"} 1.0");
        assertThat(scrape).contains("archway_identity_rotations_total{source=\"files\"} 1.0");
        assertThat(scrape).contains("archway_identity_errors_total{source=\"files\"} 1.0");
        assertThat(scrape).containsPattern("archway_identity_svid_expiry_timestamp_seconds\\{source=\"files\"} \\d\\.\\d+E9");
    }
}
