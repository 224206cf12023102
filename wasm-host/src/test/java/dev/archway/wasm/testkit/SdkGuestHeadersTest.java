package dev.archway.wasm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.plugins.spi.ClientCertificate;
import dev.archway.wasm.abi.LogLevel;
import dev.archway.wasm.guests.GuestModules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AssemblyScript (SDK-built) guests through the test kit: header maps both ways, local replies,
 * logging and properties. The guests are compiled from source by the build; their contracts are
 * in src/test/assemblyscript/README.md.
 */
class SdkGuestHeadersTest {

    private static WasmPluginHarness headers(String name) {
        return WasmPluginHarness.builder(GuestModules.path(GuestModules.HEADERS)).name(name).rootId("headers")
                .vmConfig("vm-settings").config("{\"greeting\": \"hi\"}").start();
    }

    @Test
    void theGuestReadsAddsReplacesAndRemovesRequestAndResponseHeaders() {
        try (WasmPluginHarness plugin = headers("sdk-headers")) {
            Exchange exchange = plugin.request("GET", "/a?b=1").header("x-echo", "v1").header("x-wasm-remove", "x")
                    .header("x-wasm-replace", "old").send();
            assertThat(exchange.forwarded()).isTrue();
            var up = exchange.upstreamHeaders();
            assertThat(up.get("x-echo-copy")).isEqualTo("v1");
            assertThat(up.get("x-wasm-added")).isEqualTo("yes");
            assertThat(up.getAll("x-wasm-replace")).containsExactly("replaced");
            assertThat(up.contains("x-wasm-remove")).isFalse();
            // The guest listed the map as the host presents it: pseudo-headers first.
            assertThat(up.get("x-header-names")).startsWith(":authority,:path,:method,:scheme,");
            assertThat(up.get("x-header-count")).isEqualTo("7");

            exchange.respond(200, "x-echo", "r1", "x-wasm-remove", "gone");
            assertThat(exchange.responseHeaders().get("x-echo-copy")).isEqualTo("r1");
            assertThat(exchange.responseHeaders().contains("x-wasm-remove")).isFalse();
            assertThat(exchange.responseHeaders().get("x-vm-config")).isEqualTo("vm-settings");
            exchange.complete();
        }
    }

    @Test
    void settingTheWholeMapReplacesTheRequestHeaders() {
        try (WasmPluginHarness plugin = headers("sdk-set-pairs")) {
            Exchange exchange = plugin.request("GET", "/").header("x-wasm-set-pairs", "yes").header("x-drop-me", "1")
                    .header("x-keep", "2").send();
            assertThat(exchange.upstreamHeaders().contains("x-drop-me")).isFalse();
            assertThat(exchange.upstreamHeaders().get("x-keep")).isEqualTo("2");
            assertThat(exchange.upstreamPath()).isEqualTo("/");
        }
    }

    @Test
    void aLocalReplyCarriesTheGuestsStatusBodyAndHeaders() {
        try (WasmPluginHarness plugin = headers("sdk-deny")) {
            Exchange exchange = plugin.request("GET", "/").header("x-deny", "yes").send();
            assertThat(exchange.forwarded()).isFalse();
            assertThat(exchange.localReply().status()).isEqualTo(403);
            assertThat(exchange.localReply().body().toString()).isEqualTo("denied by wasm\n");
            assertThat(exchange.localReply().headers().get("x-wasm-denied")).isEqualTo("yes");
            assertThat(plugin.logs()).anyMatch(l -> l.level() == LogLevel.CRITICAL);
        }
    }

    @Test
    void guestLogLinesReachTheLogWithTheirLevelAndConfig() {
        try (WasmPluginHarness plugin = headers("sdk-logs")) {
            plugin.request("GET", "/logged").send().complete();
            assertThat(plugin.logs()).extracting(GuestLogLine::of)
                    .anyMatch(line -> line.startsWith("TRACE "))
                    .anyMatch(line -> line.startsWith("DEBUG "))
                    .anyMatch(line -> line.startsWith("WARN "))
                    .anyMatch(line -> line.startsWith("ERROR "))
                    .anyMatch(line -> line.startsWith("INFO ") && line.contains("hi") && line.contains("/logged"));
        }
    }

    @Test
    void propertiesDescribeTheRequestAndThePlugin() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(GuestModules.path(GuestModules.HEADERS))
                .name("sdk-props").rootId("properties").vmId("vm-a").start()) {
            long before = System.currentTimeMillis() * 1_000_000L;
            Exchange exchange = plugin.request("POST", "/p?q=1").remoteAddress("10.1.2.3").send();
            var up = exchange.upstreamHeaders();
            assertThat(up.get("x-prop-request-path")).isEqualTo("/p?q=1");
            assertThat(up.get("x-prop-request-method")).isEqualTo("POST");
            assertThat(up.get("x-prop-source-address")).isEqualTo("10.1.2.3");
            assertThat(up.get("x-prop-plugin-name")).isEqualTo("sdk-props");
            assertThat(up.get("x-prop-plugin-root-id")).isEqualTo("properties");
            assertThat(up.get("x-prop-plugin-vm-id")).isEqualTo("vm-a");
            assertThat(Long.parseLong(up.get("x-current-time-nanos"))).isGreaterThanOrEqualTo(before);
            // Plain HTTP: no peer certificate, not mutual TLS.
            assertThat(up.get("x-prop-peer-uri-san")).isEqualTo("<missing:NotFound>");
            assertThat(up.get("x-prop-mtls")).isEqualTo("0");
        }
    }

    @Test
    void connectionPropertiesNameOnlyAClientCertificateTheListenerVerified() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(GuestModules.path(GuestModules.HEADERS))
                .name("sdk-peer").rootId("properties").start()) {
            var verified = plugin.request("GET", "/").clientCertificate(new ClientCertificate(true, "CN=web,O=Shop",
                    List.of("spiffe://example.org/ns/shop/sa/web"), List.of())).send().upstreamHeaders();
            assertThat(verified.get("x-prop-peer-uri-san")).isEqualTo("spiffe://example.org/ns/shop/sa/web");
            assertThat(verified.get("x-prop-peer-subject")).isEqualTo("CN=web,O=Shop");
            assertThat(verified.get("x-prop-mtls")).isEqualTo("1");

            var unverified = plugin.request("GET", "/").clientCertificate(new ClientCertificate(false, "CN=evil",
                    List.of("spiffe://example.org/ns/shop/sa/admin"), List.of())).send().upstreamHeaders();
            assertThat(unverified.get("x-prop-peer-uri-san")).isEqualTo("<missing:NotFound>");
            assertThat(unverified.get("x-prop-mtls")).isEqualTo("0");
        }
    }

    /** A log line as "LEVEL message", for readable assertions. */
    private static final class GuestLogLine {
        static String of(dev.archway.wasm.vm.GuestLogs.Line line) {
            return line.level() + " " + line.message();
        }
    }
}
