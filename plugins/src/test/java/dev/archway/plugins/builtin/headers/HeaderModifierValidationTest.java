package dev.archway.plugins.builtin.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.HeaderModifierConfig;
import dev.archway.gatewayapi.ir.filters.HeaderValue;
import dev.archway.plugins.spi.FilterStage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderModifierValidationTest {
    private final RequestHeaderModifierFactory request = new RequestHeaderModifierFactory();
    private final ResponseHeaderModifierFactory response = new ResponseHeaderModifierFactory();

    @Test
    void declaresTheGatewayApiKindsInTheRouteStage() {
        assertThat(request.kind()).isEqualTo(FilterKinds.REQUEST_HEADER_MODIFIER);
        assertThat(response.kind()).isEqualTo(FilterKinds.RESPONSE_HEADER_MODIFIER);
        assertThat(request.stage()).isEqualTo(FilterStage.ROUTE);
        assertThat(response.stage()).isEqualTo(FilterStage.ROUTE);
    }

    @Test
    void acceptsDistinctTokenNames() {
        HeaderModifierConfig config = new HeaderModifierConfig(List.of(new HeaderValue("X-A", "1")),
                List.of(new HeaderValue("X-B", "")), List.of("X-C"));

        assertThat(request.validate(config)).isEmpty();
        assertThat(response.validate(config)).isEmpty();
    }

    @Test
    void rejectsANameTwiceInOneList() {
        HeaderModifierConfig config = new HeaderModifierConfig(
                List.of(new HeaderValue("X-A", "1"), new HeaderValue("X-A", "2")), List.of(), List.of());

        assertThat(request.validate(config))
                .containsExactly("set[1].name: header 'X-A' appears twice (expected: each header name at most once)");
    }

    @Test
    void rejectsANameAcrossListsWhateverTheCase() {
        HeaderModifierConfig config = new HeaderModifierConfig(List.of(new HeaderValue("X-A", "1")),
                List.of(new HeaderValue("x-a", "2")), List.of("X-a"));

        assertThat(response.validate(config)).containsExactly(
                "add[0].name: header 'x-a' appears twice (expected: each header name at most once)",
                "remove[0]: header 'X-a' appears twice (expected: each header name at most once)");
    }

    @Test
    void rejectsNamesThatAreNotTokensAndValuesThatBreakLines() {
        HeaderModifierConfig config = new HeaderModifierConfig(
                List.of(new HeaderValue("X A", "1"), new HeaderValue("X-Ok", "a\r\nInjected: 1")),
                List.of(), List.of(""));

        assertThat(request.validate(config)).containsExactly(
                "set[0].name: 'X A' is not a valid header name (expected: an HTTP token such as x-request-id)",
                "set[1].value: contains CR, LF or NUL (expected: a single-line header value)",
                "remove[0]: missing (expected: a header name such as x-request-id)");
    }
}
