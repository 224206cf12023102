package dev.archway.wasm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.wasm.guests.GuestModules;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * AssemblyScript guests through the test kit: a request paused on {@code proxy_http_call} and
 * resumed by the answer, shared data with CAS, timers, shared queues, metrics, the request body,
 * and traps. Calls go to in-memory cluster handlers here (the kit's purpose); the gateway tests
 * make the same calls to real loopback servers.
 */
class SdkGuestCallsAndStateTest {

    private static WasmPluginHarness.Builder callPlugin(String name) {
        return WasmPluginHarness.builder(GuestModules.path(GuestModules.HTTP_CALL)).name(name).rootId("http_call")
                .config("{\"cluster\": \"backend/default/auth\", \"path\": \"/check\", \"timeout_ms\": \"2000\"}");
    }

    @Test
    void aRequestPausedOnAnHttpCallResumesWithTheAnswer() {
        AtomicReference<WasmPluginHarness.CallRequest> seen = new AtomicReference<>();
        try (WasmPluginHarness plugin = callPlugin("sdk-call").cluster("backend/default/auth", call -> {
            seen.set(call);
            return new WasmPluginHarness.CallResponse(200, Map.of("x-auth-user", "alice"), "ok");
        }).start()) {
            Exchange exchange = plugin.request("GET", "/orders").header("authorization", "Bearer t").send();
            assertThat(exchange.forwarded()).isTrue();
            assertThat(exchange.upstreamHeaders().get("x-auth-status")).isEqualTo("200");
            assertThat(exchange.upstreamHeaders().get("x-auth-user")).isEqualTo("alice");
            assertThat(exchange.upstreamHeaders().get("x-auth-body")).isEqualTo("ok");
            assertThat(seen.get().method()).isEqualTo("GET");
            assertThat(seen.get().path()).isEqualTo("/check");
            assertThat(seen.get().headers().get("x-original-path")).isEqualTo("/orders");
            assertThat(seen.get().headers().get("authorization")).isEqualTo("Bearer t");
        }
    }

    @Test
    void aFailedCallReachesTheGuestAsAnAnswerWithoutHeaders() {
        try (WasmPluginHarness plugin = callPlugin("sdk-call-down").start()) {
            Exchange exchange = plugin.request("GET", "/orders").send();
            assertThat(exchange.forwarded()).isFalse();
            assertThat(exchange.localReply().status()).isEqualTo(503);
            assertThat(exchange.localReply().headers().get("x-auth-error")).isEqualTo("no-response");
        }
    }

    @Test
    void sharedDataCountsEveryRequestAndTicksRunOnTheirOwn() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(GuestModules.path(GuestModules.STATE))
                .name("sdk-counter").rootId("counter").vmId("counter-test").config("{\"tick_ms\": \"20\"}").start()) {
            int first = Integer.parseInt(plugin.request("GET", "/").send().respond(200).responseHeaders()
                    .get("x-request-count"));
            int second = Integer.parseInt(plugin.request("GET", "/").send().respond(200).responseHeaders()
                    .get("x-request-count"));
            assertThat(second).isEqualTo(first + 1);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Integer.parseInt(
                    plugin.request("GET", "/").send().respond(200).responseHeaders().get("x-tick-count")))
                    .isGreaterThanOrEqualTo(3));
        }
    }

    @Test
    void aQueuedItemIsDeliveredToTheInstanceThatRegisteredTheQueue() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(GuestModules.path(GuestModules.STATE))
                .name("sdk-queue").rootId("queue").vmId("queue-test").config("{\"queue\": \"paths\"}").start()) {
            Exchange first = plugin.request("GET", "/one").send().respond(200);
            assertThat(first.responseHeaders().get("x-queue-enqueue")).isEqualTo("Ok");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                var headers = plugin.request("GET", "/two").send().respond(200).responseHeaders();
                assertThat(Integer.parseInt(headers.get("x-queue-dequeued"))).isGreaterThanOrEqualTo(2);
                assertThat(headers.get("x-queue-last")).startsWith("/");
            });
        }
    }

    @Test
    void metricsTheGuestDefinesCountAcrossRequests() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(GuestModules.path(GuestModules.STATE))
                .name("sdk-metrics").rootId("metrics").start()) {
            Long before = plugin.metric("archway_test_requests_total");
            Exchange exchange = plugin.request("GET", "/m").send().respond(200);
            long counted = Long.parseLong(exchange.responseHeaders().get("x-metric-requests"));
            assertThat(counted).isEqualTo((before == null ? 0 : before) + 1);
            assertThat(exchange.responseHeaders().get("x-metric-active")).isEqualTo("1");
            exchange.complete();
            assertThat(plugin.metric("archway_test_active_requests")).isZero();
            assertThat(plugin.metric("archway_test_requests_total")).isEqualTo(counted);
        }
    }

    @Test
    void aGuestGivenTheBodyCanRefuseIt() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(GuestModules.path(GuestModules.BODY))
                .name("sdk-body").rootId("body").bufferRequestBody(true)
                .config("{\"forbidden\": \"drop table\", \"max_bytes\": \"64\"}").start()) {
            Exchange bad = plugin.request("POST", "/q").body("select 1; drop table users").send();
            assertThat(bad.localReply().status()).isEqualTo(400);
            assertThat(plugin.request("POST", "/q").body("x".repeat(65)).send().localReply().status()).isEqualTo(413);
            Exchange good = plugin.request("POST", "/q").body("select 1").send().respond(200);
            assertThat(good.forwarded()).isTrue();
            assertThat(good.responseHeaders().get("x-request-body-length")).isEqualTo("8");
        }
    }

    @Test
    void aTrapOrAnAbortFailsOnlyThatRequest() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(GuestModules.path(GuestModules.CRASH))
                .name("sdk-crash").rootId("crash").start()) {
            assertThat(plugin.request("GET", "/").header("x-crash", "yes").send().localReply().status()).isEqualTo(500);
            assertThat(plugin.request("GET", "/").header("x-crash", "abort").send().localReply().status()).isEqualTo(500);
            assertThat(plugin.request("GET", "/").send().respond(200).responseStatus()).isEqualTo(200);
            assertThat(plugin.request("GET", "/").header("x-crash", "response").send().respond(200).responseStatus())
                    .isEqualTo(500);
            Exchange fine = plugin.request("GET", "/").send();
            assertThat(fine.upstreamHeaders().get("x-crash-checked")).isEqualTo("yes");
        }
    }
}
