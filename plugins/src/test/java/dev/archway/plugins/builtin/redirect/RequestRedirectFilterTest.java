package dev.archway.plugins.builtin.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.PathModifier;
import dev.archway.gatewayapi.ir.filters.PathModifierType;
import dev.archway.gatewayapi.ir.filters.RequestRedirectConfig;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import org.junit.jupiter.api.Test;

class RequestRedirectFilterTest {
    private final RequestRedirectFactory factory = new RequestRedirectFactory();

    private LocalReply redirect(RequestRedirectConfig config, TestRequest request) {
        HttpFilter filter = factory.create(config, TestBuildContext.empty());
        return Steps.reply(new TestFilterContext(request).runRequestHeaders(filter));
    }

    private String location(RequestRedirectConfig config, String url) {
        return redirect(config, TestRequest.get(url)).headers().get("location");
    }

    private static RequestRedirectConfig config(String scheme, String hostname, Integer port, PathModifier path) {
        return new RequestRedirectConfig(scheme, hostname, port, path, 302);
    }

    @Test
    void answersWithTheConfiguredStatusAnEmptyBodyAndNoUpstreamCall() {
        LocalReply reply = redirect(new RequestRedirectConfig("https", null, null, null, 301),
                TestRequest.get("http://example.com/a"));

        assertThat(reply.status()).isEqualTo(301);
        assertThat(reply.body().length()).isZero();
        assertThat(reply.headers().get("content-length")).isEqualTo("0");
        assertThat(reply.headers().get("location")).isEqualTo("https://example.com/a");
    }

    @Test
    void schemeChangeToHttpsUsesPort443AndOmitsIt() {
        assertThat(location(config("https", null, null, null), "http://example.com/a")).isEqualTo("https://example.com/a");
    }

    @Test
    void schemeChangeUsesTheSchemesPortNotTheListenerPort() {
        assertThat(location(config("https", null, null, null), "http://example.com:8080/a"))
                .isEqualTo("https://example.com/a");
        assertThat(location(config("http", null, null, null), "https://example.com:8443/a"))
                .isEqualTo("http://example.com/a");
    }

    @Test
    void explicitPortIsKeptUnlessItIsTheSchemesDefault() {
        assertThat(location(config("https", null, 8443, null), "http://example.com/a")).isEqualTo("https://example.com:8443/a");
        assertThat(location(config("https", null, 443, null), "http://example.com/a")).isEqualTo("https://example.com/a");
        assertThat(location(config("http", null, 80, null), "https://example.com/a")).isEqualTo("http://example.com/a");
        assertThat(location(config("https", null, 80, null), "http://example.com/a")).isEqualTo("https://example.com:80/a");
        assertThat(location(config(null, null, 8080, null), "http://example.com/a")).isEqualTo("http://example.com:8080/a");
    }

    @Test
    void withoutSchemeOrPortTheListenerPortIsUsed() {
        assertThat(location(config(null, "other.example", null, null), "http://example.com:8080/a"))
                .isEqualTo("http://other.example:8080/a");
        assertThat(location(config(null, "other.example", null, null), "http://example.com/a"))
                .isEqualTo("http://other.example/a");
        assertThat(location(config(null, "other.example", null, null), "https://example.com/a"))
                .isEqualTo("https://other.example/a");
    }

    @Test
    void listenerPortNotTheHostHeaderPortDecides() {
        TestRequest request = TestRequest.get("http://example.com:8080/a").listenerPort(80);

        assertThat(redirect(config(null, null, null, null), request).headers().get("location"))
                .isEqualTo("http://example.com/a");
    }

    @Test
    void keepsTheRequestHostWithoutItsPortWhenNoHostnameIsConfigured() {
        assertThat(location(config(null, null, 9000, null), "http://Example.COM:8080/a"))
                .isEqualTo("http://example.com:9000/a");
    }

    @Test
    void replacesTheFullPath() {
        PathModifier full = new PathModifier(PathModifierType.REPLACE_FULL_PATH, "/new", null);

        assertThat(location(config(null, null, null, full), "http://example.com/old/x")).isEqualTo("http://example.com/new");
    }

    @Test
    void replacesThePrefixOnSegmentBoundaries() {
        PathModifier toBar = new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, "/bar", "/foo");
        PathModifier toRoot = new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, "/", "/foo");
        PathModifier fromRoot = new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, "/api", "/");

        assertThat(location(config(null, null, null, toBar), "http://h.example/foo")).isEqualTo("http://h.example/bar");
        assertThat(location(config(null, null, null, toBar), "http://h.example/foo/x")).isEqualTo("http://h.example/bar/x");
        assertThat(location(config(null, null, null, toRoot), "http://h.example/foo/x")).isEqualTo("http://h.example/x");
        assertThat(location(config(null, null, null, toRoot), "http://h.example/foo")).isEqualTo("http://h.example/");
        assertThat(location(config(null, null, null, fromRoot), "http://h.example/x")).isEqualTo("http://h.example/api/x");
    }

    @Test
    void keepsTheQueryString() {
        PathModifier toBar = new PathModifier(PathModifierType.REPLACE_PREFIX_MATCH, "/bar", "/foo");

        assertThat(location(config("https", null, null, null), "http://h.example/a?x=1&y=%20"))
                .isEqualTo("https://h.example/a?x=1&y=%20");
        assertThat(location(config(null, null, null, toBar), "http://h.example/foo/x?q=1"))
                .isEqualTo("http://h.example/bar/x?q=1");
    }

    @Test
    void bracketsAnIpv6RequestHost() {
        assertThat(location(config(null, null, 8080, null), "http://[::1]/a")).isEqualTo("http://[::1]:8080/a");
    }
}
