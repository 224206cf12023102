package dev.archway.wasm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.wasm.testing.WatModules;
import org.junit.jupiter.api.Test;

/** proxy_get/set_buffer_bytes on the request body and proxy_close_stream, with a hand-written module. */
class BuffersAndClosingTest {

    @Test
    void theGuestRewritesTheRequestBodyTheUpstreamGets() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(WatModules.compile("body")).name("wat-body")
                .bufferRequestBody(true).start()) {
            Exchange exchange = plugin.request("POST", "/").body("abcdefgh").send();
            assertThat(exchange.forwarded()).isTrue();
            assertThat(exchange.upstreamBody()).isEqualTo("replaced:abcd");
        }
    }

    @Test
    void aClosedStreamEndsTheExchangeWithoutReachingTheUpstream() {
        try (WasmPluginHarness plugin = WasmPluginHarness.builder(WatModules.compile("body")).name("wat-close")
                .start()) {
            Exchange exchange = plugin.request("GET", "/").header("x-close", "1").send();
            assertThat(exchange.forwarded()).isFalse();
            assertThat(exchange.localReply().status()).isEqualTo(503);
        }
    }
}
