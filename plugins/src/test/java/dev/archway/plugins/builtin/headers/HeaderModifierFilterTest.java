package dev.archway.plugins.builtin.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.HeaderModifierConfig;
import dev.archway.gatewayapi.ir.filters.HeaderValue;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderModifierFilterTest {

    private static HttpFilter requestModifier(HeaderModifierConfig config) {
        return new RequestHeaderModifierFactory().create(config, TestBuildContext.empty());
    }

    private static HttpFilter responseModifier(HeaderModifierConfig config) {
        return new ResponseHeaderModifierFactory().create(config, TestBuildContext.empty());
    }

    private static TestFilterContext request() {
        return new TestFilterContext(TestRequest.get("http://example.com/a")
                .header("X-Multi", "one").header("x-multi", "two")
                .header("X-Keep", "kept")
                .header("X-Drop", "gone"));
    }

    @Test
    void setReplacesEveryExistingValueWhateverTheCase() {
        TestFilterContext ctx = request();

        ctx.runRequestHeaders(requestModifier(new HeaderModifierConfig(
                List.of(new HeaderValue("x-MULTI", "only")), List.of(), List.of())));

        assertThat(ctx.request().headers().getAll("X-Multi")).containsExactly("only");
    }

    @Test
    void setAddsAHeaderThatWasAbsent() {
        TestFilterContext ctx = request();

        ctx.runRequestHeaders(requestModifier(new HeaderModifierConfig(
                List.of(new HeaderValue("X-New", "v")), List.of(), List.of())));

        assertThat(ctx.request().headers().getAll("x-new")).containsExactly("v");
    }

    @Test
    void addAppendsAValueAndKeepsTheExistingOnes() {
        TestFilterContext ctx = request();

        ctx.runRequestHeaders(requestModifier(new HeaderModifierConfig(
                List.of(), List.of(new HeaderValue("X-Multi", "three"), new HeaderValue("X-Fresh", "f")), List.of())));

        assertThat(ctx.request().headers().getAll("x-multi")).containsExactly("one", "two", "three");
        assertThat(ctx.request().headers().getAll("x-fresh")).containsExactly("f");
    }

    @Test
    void removeIsCaseInsensitiveAndRemovesEveryValue() {
        TestFilterContext ctx = request();

        ctx.runRequestHeaders(requestModifier(new HeaderModifierConfig(List.of(), List.of(), List.of("x-DROP", "X-MULTI"))));

        assertThat(ctx.request().headers().contains("X-Drop")).isFalse();
        assertThat(ctx.request().headers().contains("x-multi")).isFalse();
        assertThat(ctx.request().headers().get("X-Keep")).isEqualTo("kept");
    }

    @Test
    void requestModifierContinuesAndLeavesTheResponseAlone() {
        TestFilterContext ctx = request();
        ctx.response().header("X-Drop", "response");

        assertThat(Steps.isNext(ctx.runRequestHeaders(requestModifier(
                new HeaderModifierConfig(List.of(), List.of(), List.of("X-Drop")))))).isTrue();
        assertThat(ctx.runResponseHeaders(requestModifier(
                new HeaderModifierConfig(List.of(), List.of(), List.of("X-Drop"))))).matches(Steps::isNext);

        assertThat(ctx.response().headers().get("X-Drop")).isEqualTo("response");
    }

    @Test
    void responseModifierEditsTheResponseHeadersOnly() {
        TestFilterContext ctx = request();
        ctx.response().status(200);
        ctx.response().header("Server", "upstream").header("Cache-Control", "a").header("cache-control", "b");
        HttpFilter filter = responseModifier(new HeaderModifierConfig(
                List.of(new HeaderValue("cache-control", "no-store")),
                List.of(new HeaderValue("X-Served-By", "archway")),
                List.of("SERVER", "X-Keep")));

        assertThat(ctx.runRequestHeaders(filter)).matches(Steps::isNext);
        ctx.runResponseHeaders(filter);

        assertThat(ctx.response().headers().getAll("Cache-Control")).containsExactly("no-store");
        assertThat(ctx.response().headers().get("x-served-by")).isEqualTo("archway");
        assertThat(ctx.response().headers().contains("server")).isFalse();
        assertThat(ctx.request().headers().get("X-Keep")).isEqualTo("kept");
    }
}
