package dev.archway.plugins.builtin.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.PathModifier;
import dev.archway.gatewayapi.ir.filters.PathModifierType;
import dev.archway.gatewayapi.ir.filters.UrlRewriteConfig;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import org.junit.jupiter.api.Test;

class UrlRewriteFilterTest {
    private final UrlRewriteFactory factory = new UrlRewriteFactory();

    private TestFilterContext rewrite(UrlRewriteConfig config, String url) {
        TestFilterContext ctx = new TestFilterContext(TestRequest.get(url));
        assertThat(ctx.runRequestHeaders(factory.create(config, TestBuildContext.empty()))).matches(Steps::isNext);
        return ctx;
    }

    @Test
    void declaresTheGatewayApiKindInTheRouteStage() {
        assertThat(factory.kind()).isEqualTo(FilterKinds.URL_REWRITE);
        assertThat(factory.stage()).isEqualTo(FilterStage.ROUTE);
    }

    @Test
    void rewritesTheForwardedAuthorityButNotTheHostTheClientAskedFor() {
        TestFilterContext ctx = rewrite(new UrlRewriteConfig("backend.internal", null), "http://example.com:8080/a?q=1");

        assertThat(ctx.request().authority()).isEqualTo("backend.internal");
        assertThat(ctx.request().host()).isEqualTo("example.com");
        assertThat(ctx.request().path()).isEqualTo("/a");
        assertThat(ctx.request().query()).isEqualTo("q=1");
    }

    @Test
    void replacesThePrefixLikeTheRedirectDoes() {
        PathModifier prefix = new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, "/", "/strip");

        assertThat(rewrite(new UrlRewriteConfig(null, prefix), "http://h.example/strip/x?q=1").request().path())
                .isEqualTo("/x");
        assertThat(rewrite(new UrlRewriteConfig(null, prefix), "http://h.example/strip").request().path())
                .isEqualTo("/");
    }

    @Test
    void replacesTheFullPathAndKeepsTheQuery() {
        PathModifier full = new PathModifier(PathModifierType.REPLACE_FULL_PATH, "/full", null);
        TestFilterContext ctx = rewrite(new UrlRewriteConfig(null, full), "http://h.example/any/thing?q=1");

        assertThat(ctx.request().path()).isEqualTo("/full");
        assertThat(ctx.request().query()).isEqualTo("q=1");
        assertThat(ctx.request().authority()).isEqualTo("h.example");
    }

    @Test
    void validateNamesBadFields() {
        assertThat(factory.validate(new UrlRewriteConfig("host:80",
                new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, "x", "/a")))).containsExactly(
                "hostname: 'host:80' (expected: a DNS name without port, e.g. example.com)",
                "path.value: 'x' (expected: a path starting with '/')");
        assertThat(factory.validate(new UrlRewriteConfig(null, null))).isEmpty();
    }
}
