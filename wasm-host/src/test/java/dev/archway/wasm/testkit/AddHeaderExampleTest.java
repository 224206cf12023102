package dev.archway.wasm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archway.wasm.guests.GuestModules;
import org.junit.jupiter.api.Test;

/** The add-header example of the plugin guide (docs/plugins.md), tested as the guide shows. */
class AddHeaderExampleTest {

    @Test
    void setsTheConfiguredHeaderAndMarksTheResponse() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(GuestModules.path(GuestModules.ADD_HEADER))
                .rootId("add_header")
                .config("{\"header\": \"x-hello\", \"value\": \"world\"}")
                .start()) {
            Exchange exchange = plugin.request("GET", "/orders").header("x-hello", "spoofed").send();
            assertThat(exchange.forwarded()).isTrue();
            assertThat(exchange.upstreamHeaders().getAll("x-hello")).containsExactly("world");

            exchange.respond(200, "content-type", "application/json");
            assertThat(exchange.responseHeaders().get("x-wasm-filter")).isEqualTo("add-header");
            exchange.complete();
            assertThat(plugin.logMessages()).anyMatch(m -> m.contains("sets request header x-hello"));
        }
    }

    @Test
    void aConfigTheExampleRefusesFailsTheStartWithItsReasonLogged() {
        WasmPluginHarness.Builder builder = WasmPluginHarness.builder(GuestModules.path(GuestModules.ADD_HEADER))
                .name("refused").rootId("add_header").config("{\"header\": \"X-Hello\", \"value\": \"world\"}");
        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxy_on_configure refused the plugin config")
                .hasMessageContaining("the plugin logged: add_header: plugin configuration: header: 'X-Hello'"
                        + " is not a lowercase header name");
    }
}
