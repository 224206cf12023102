package dev.archway.ratelimit.server;

import static dev.archway.ratelimit.server.RlsClient.descriptor;
import static dev.archway.ratelimit.server.RlsClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.UInt64Value;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.Code;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.DescriptorStatus;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server with in-memory counts, over real gRPC on loopback. */
class RateLimitServerTest {
    private static final String CONFIG = """
            kind: RateLimitServerConfig
            spec:
              listen: "127.0.0.1:0"
              admin: "127.0.0.1:0"
              domains:
              - domain: edge
                descriptors:
                - key: route
                  value: orders
                  rate_limit: {unit: minute, requests_per_unit: 3}
                  descriptors:
                  - key: remote_address
                    rate_limit: {unit: second, requests_per_unit: 5}
                - key: route
                  value: search
                  shadow_mode: true
                  rate_limit: {unit: minute, requests_per_unit: 1}
                - key: tenant
                  rate_limit: {unit: hour, requests_per_unit: 2}
                - key: health
                  rate_limit: {unlimited: true}
            """;

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final RlsClient client = new RlsClient(vertx);
    private RateLimitServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Path start(String config) throws Exception {
        Path file = Files.writeString(dir.resolve("ratelimit.yaml"), config);
        server = RateLimitServer.start(vertx, file, Duration.ofMillis(50))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return file;
    }

    private RlsClient.Answer call(RateLimitRequest request) {
        return client.call(server.port(), request);
    }

    @Test
    void allowsRequestsPerUnitThenAnswersOverLimitWithTheLimitAndTheTimeToReset() throws Exception {
        start(CONFIG);
        for (int remaining = 2; remaining >= 0; remaining--) {
            RateLimitResponse ok = call(request("edge", "route", "orders")).response();
            assertThat(ok.getOverallCode()).isEqualTo(Code.OK);
            assertThat(ok.getStatuses(0).getLimitRemaining()).isEqualTo(remaining);
        }

        RateLimitResponse over = call(request("edge", "route", "orders")).response();

        assertThat(over.getOverallCode()).isEqualTo(Code.OVER_LIMIT);
        DescriptorStatus status = over.getStatuses(0);
        assertThat(status.getCode()).isEqualTo(Code.OVER_LIMIT);
        assertThat(status.getCurrentLimit().getRequestsPerUnit()).isEqualTo(3);
        assertThat(status.getCurrentLimit().getUnit()).isEqualTo(RateLimitResponse.RateLimit.Unit.MINUTE);
        assertThat(status.getLimitRemaining()).isZero();
        assertThat(status.getDurationUntilReset().getSeconds()).isBetween(50L, 60L);
    }

    @Test
    void hitsAddendTakesThatManyAndADescriptorsOwnOverridesTheRequests() throws Exception {
        start(CONFIG);
        RateLimitRequest two = request("edge", "tenant", "acme").toBuilder().setHitsAddend(2).build();
        assertThat(call(two).response().getStatuses(0).getLimitRemaining()).isZero();
        assertThat(call(request("edge", "tenant", "acme")).code()).isEqualTo(Code.OVER_LIMIT);

        RateLimitRequest zeroMeansOne = request("edge", "tenant", "other").toBuilder().setHitsAddend(0).build();
        assertThat(call(zeroMeansOne).response().getStatuses(0).getLimitRemaining()).isEqualTo(1);
        RateLimitRequest overridden = RateLimitRequest.newBuilder().setDomain("edge").setHitsAddend(1)
                .addDescriptors(descriptor("tenant", "third").toBuilder().setHitsAddend(UInt64Value.of(3)))
                .build();
        assertThat(call(overridden).code()).as("3 hits never fit a limit of 2").isEqualTo(Code.OVER_LIMIT);
    }

    @Test
    void eachValueOfAKeyWithoutAValueCountsOnItsOwn() throws Exception {
        start(CONFIG);
        for (int i = 0; i < 5; i++) {
            assertThat(call(request("edge", "route", "orders", "remote_address", "10.0.0.1")).code()).isEqualTo(Code.OK);
        }
        assertThat(call(request("edge", "route", "orders", "remote_address", "10.0.0.1")).code())
                .isEqualTo(Code.OVER_LIMIT);
        assertThat(call(request("edge", "route", "orders", "remote_address", "10.0.0.2")).code()).isEqualTo(Code.OK);
    }

    @Test
    void shadowModeAnswersOkButCountsTheDescriptorAsShadowOverLimit() throws Exception {
        start(CONFIG);
        call(request("edge", "route", "search"));

        RateLimitResponse shadow = call(request("edge", "route", "search")).response();

        assertThat(shadow.getOverallCode()).isEqualTo(Code.OK);
        assertThat(shadow.getStatuses(0).getCode()).isEqualTo(Code.OK);
        assertThat(shadow.getStatuses(0).getLimitRemaining()).isZero();
        assertThat(RlsClient.get(server.adminPort(), "/metrics"))
                .contains("archway_ratelimit_decisions_total{decision=\"shadow_over_limit\",domain=\"edge\"} 1.0")
                .contains("archway_ratelimit_decisions_total{decision=\"ok\",domain=\"edge\"} 1.0");
    }

    @Test
    void answersEveryDescriptorInRequestOrderAndIsOverLimitIfAnyIs() throws Exception {
        start(CONFIG);
        call(request("edge", "route", "search"));
        call(request("edge", "tenant", "acme"));
        call(request("edge", "tenant", "acme"));
        RateLimitRequest four = RateLimitRequest.newBuilder().setDomain("edge")
                .addDescriptors(descriptor("route", "orders"))
                .addDescriptors(descriptor("route", "search"))
                .addDescriptors(descriptor("health", "x"))
                .addDescriptors(descriptor("tenant", "acme"))
                .addDescriptors(descriptor("nothing", "here"))
                .build();

        RateLimitResponse response = call(four).response();

        assertThat(response.getOverallCode()).isEqualTo(Code.OVER_LIMIT);
        assertThat(response.getStatusesList()).extracting(DescriptorStatus::getCode)
                .containsExactly(Code.OK, Code.OK, Code.OK, Code.OVER_LIMIT, Code.OK);
        assertThat(response.getStatuses(0).getCurrentLimit().getRequestsPerUnit()).isEqualTo(3);
        assertThat(response.getStatuses(2).hasCurrentLimit()).as("unlimited").isFalse();
        assertThat(response.getStatuses(4).hasCurrentLimit()).as("no rule").isFalse();
    }

    @Test
    void anUnknownDomainIsNotLimitedAndAnEmptyOneIsInvalid() throws Exception {
        start(CONFIG);
        RateLimitResponse unknown = call(request("elsewhere", "route", "orders")).response();
        assertThat(unknown.getOverallCode()).isEqualTo(Code.OK);
        assertThat(unknown.getStatuses(0).hasCurrentLimit()).isFalse();

        RlsClient.Answer empty = call(request("", "route", "orders"));
        assertThat(empty.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(empty.message()).contains("domain: empty");
        assertThat(RlsClient.get(server.adminPort(), "/metrics"))
                .contains("archway_ratelimit_decisions_total{decision=\"unlimited\",domain=\"(unknown)\"} 1.0")
                .contains("archway_ratelimit_errors_total{reason=\"invalid_request\"} 1.0");
    }

    @Test
    void theAdminEndpointAnswersHealthAndReadiness() throws Exception {
        start(CONFIG);
        assertThat(RlsClient.get(server.adminPort(), "/healthz")).isEqualTo("200 ok\n");
        assertThat(RlsClient.get(server.adminPort(), "/ready")).isEqualTo("200 ready\n");
        assertThat(RlsClient.get(server.adminPort(), "/nope")).startsWith("404");
    }

    @Test
    void aReloadKeepsTheCountsOfUnchangedLimitsAndRestartsChangedOnes() throws Exception {
        Path file = start(CONFIG);
        call(request("edge", "route", "orders"));
        call(request("edge", "route", "orders"));
        call(request("edge", "tenant", "acme"));
        call(request("edge", "tenant", "acme"));

        RlsClient.replace(file, CONFIG.replace("requests_per_unit: 2}", "requests_per_unit: 4}")
                + "  - domain: added\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.config().domains().containsKey("added"));

        assertThat(call(request("edge", "route", "orders")).response().getStatuses(0).getLimitRemaining())
                .as("3/minute unchanged: third of 3").isZero();
        assertThat(call(request("edge", "tenant", "acme")).response().getStatuses(0).getLimitRemaining())
                .as("2/hour became 4/hour: counts afresh").isEqualTo(3);
        assertThat(RlsClient.get(server.adminPort(), "/metrics"))
                .contains("archway_ratelimit_config_reloads_total{result=\"success\"} 1.0");
    }

    @Test
    void aBadEditIsRejectedAndTheLastGoodConfigKeepsServing() throws Exception {
        Path file = start(CONFIG);
        call(request("edge", "route", "search"));

        RlsClient.replace(file, CONFIG.replace("unit: minute, requests_per_unit: 1}", "unit: minutes, requests_per_unit: 1}"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(RlsClient.get(server.adminPort(), "/metrics"))
                .contains("archway_ratelimit_config_reloads_total{result=\"failure\"} 1.0"));

        assertThat(call(request("edge", "route", "orders")).code()).isEqualTo(Code.OK);
        assertThat(call(request("edge", "route", "search")).response().getStatuses(0).getCurrentLimit().getUnit())
                .isEqualTo(RateLimitResponse.RateLimit.Unit.MINUTE);
        assertThat(server.config().domains()).containsOnlyKeys("edge");
    }

    @Test
    void startFailsWithEveryProblemOfTheFile() {
        Path file = dir.resolve("bad.yaml");
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> {
            Files.writeString(file, CONFIG.replace("listen:", "lisen:").replace("unit: hour", "unit: hours"));
            RateLimitServer.start(vertx, file).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        });
        assertThat(failure).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContainingAll("spec.lisen: unknown field",
                        "spec.domains[0].descriptors[2].rate_limit.unit: \"hours\" is not a unit");
    }
}
