package dev.archway.gateway.router;

import static dev.archway.gateway.testing.Ir.exact;
import static dev.archway.gateway.testing.Ir.httpPort;
import static dev.archway.gateway.testing.Ir.listener;
import static dev.archway.gateway.testing.Ir.prefix;
import static dev.archway.gateway.testing.Ir.regex;
import static dev.archway.gateway.testing.Ir.route;
import static dev.archway.gateway.testing.Ir.vhost;
import static dev.archway.gateway.testing.Ir.withHeader;
import static dev.archway.gateway.testing.Ir.withMethod;
import static dev.archway.gateway.testing.Ir.withQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archway.gatewayapi.ir.HeaderMatchIr;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.QueryParamMatchIr;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.StringMatchType;
import io.vertx.core.MultiMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PortRouterTest {

    private static PortRouter<RouteIr> compile(PortIr port) {
        return PortRouter.compile(port, Function.identity());
    }

    private static String routeName(PortRouter<RouteIr> router, String host, String method, String pathAndQuery,
            String... headers) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        RouteSelection<RouteIr> selection = router.select(new RouteRequest(Hostnames.hostOf(host), method, path, query, h));
        return selection.matched() ? selection.route().target().name() : null;
    }

    @Test
    void choosesExactListenerThenLongestWildcardThenCatchAll() {
        PortRouter<RouteIr> router = compile(httpPort(80,
                listener("exact", "a.b.example.com", vhost("*", route("exact", prefix("/")))),
                listener("wide", "*.example.com", vhost("*", route("wide", prefix("/")))),
                listener("narrow", "*.b.example.com", vhost("*", route("narrow", prefix("/")))),
                listener("any", null, vhost("*", route("any", prefix("/"))))));

        assertThat(routeName(router, "a.b.example.com", "GET", "/")).isEqualTo("exact");
        assertThat(routeName(router, "c.b.example.com", "GET", "/")).isEqualTo("narrow");
        assertThat(routeName(router, "x.y.b.example.com", "GET", "/")).isEqualTo("narrow");
        assertThat(routeName(router, "c.example.com", "GET", "/")).isEqualTo("wide");
        assertThat(routeName(router, "example.com", "GET", "/")).isEqualTo("any");
        assertThat(routeName(router, "other.org", "GET", "/")).isEqualTo("any");
    }

    @Test
    void ignoresPortAndCaseOfHostWhenChoosingListener() {
        PortRouter<RouteIr> router = compile(httpPort(80,
                listener("specific", "very.specific.com", vhost("*", route("specific", prefix("/")))),
                listener("any", null, vhost("*", route("any", prefix("/"))))));

        assertThat(routeName(router, "Very.Specific.COM:1234", "GET", "/")).isEqualTo("specific");
        assertThat(routeName(router, "very.specific.com.", "GET", "/")).isEqualTo("specific");
    }

    @Test
    void returnsNoMatchWhenNoListenerOrVirtualHostServesTheHost() {
        PortRouter<RouteIr> router = compile(httpPort(80,
                listener("only", "only.example.com", vhost("only.example.com", route("r", prefix("/")))),
                listener("wild", "*.wild.com", vhost("a.wild.com", route("a", prefix("/"))))));

        assertThat(routeName(router, "other.example.com", "GET", "/")).isNull();
        assertThat(routeName(router, "b.wild.com", "GET", "/")).isNull();
        assertThat(routeName(router, "a.wild.com", "GET", "/")).isEqualTo("a");
    }

    @Test
    void choosesVirtualHostExactBeforeWildcardBeforeStar() {
        PortRouter<RouteIr> router = compile(httpPort(80, listener("l", null,
                vhost("foo.example.com", route("exact", prefix("/"))),
                vhost("*.example.com", route("wild", prefix("/"))),
                vhost("*", route("star", prefix("/"))))));

        assertThat(routeName(router, "foo.example.com", "GET", "/")).isEqualTo("exact");
        assertThat(routeName(router, "bar.example.com", "GET", "/")).isEqualTo("wild");
        assertThat(routeName(router, "example.com", "GET", "/")).isEqualTo("star");
    }

    @Test
    void prefixMatchesWholeSegmentsOnly() {
        PortRouter<RouteIr> router = compile(httpPort(80, listener("l", null, vhost("*",
                route("ab", prefix("/a/b")),
                route("root", prefix("/"))))));

        assertThat(routeName(router, "h", "GET", "/a/b")).isEqualTo("ab");
        assertThat(routeName(router, "h", "GET", "/a/b/")).isEqualTo("ab");
        assertThat(routeName(router, "h", "GET", "/a/b/c")).isEqualTo("ab");
        assertThat(routeName(router, "h", "GET", "/a/bc")).isEqualTo("root");
        assertThat(routeName(router, "h", "GET", "/a")).isEqualTo("root");
    }

    @Test
    void trailingSlashInPrefixValueMeansTheSamePrefix() {
        PortRouter<RouteIr> router = compile(httpPort(80, listener("l", null, vhost("*",
                route("v2", prefix("/v2/"))))));

        assertThat(routeName(router, "h", "GET", "/v2")).isEqualTo("v2");
        assertThat(routeName(router, "h", "GET", "/v2/x")).isEqualTo("v2");
        assertThat(routeName(router, "h", "GET", "/v2x")).isNull();
    }

    @Test
    void smallestRankWinsAmongExactPrefixAndRegexCandidates() {
        PortRouter<RouteIr> router = compile(httpPort(80, listener("l", null, vhost("*",
                route("exact", exact("/foo")),
                route("long-prefix", prefix("/foo/bar")),
                route("regex", regex("/foo/[0-9]+")),
                route("short-prefix", prefix("/foo"))))));

        assertThat(routeName(router, "h", "GET", "/foo")).isEqualTo("exact");
        assertThat(routeName(router, "h", "GET", "/foo/bar/baz")).isEqualTo("long-prefix");
        assertThat(routeName(router, "h", "GET", "/foo/123")).isEqualTo("regex");
        assertThat(routeName(router, "h", "GET", "/foo/abc")).isEqualTo("short-prefix");
        assertThat(routeName(router, "h", "GET", "/foo/123/x")).isEqualTo("short-prefix");
    }

    @Test
    void regexPathMustMatchTheWholePath() {
        PortRouter<RouteIr> router = compile(httpPort(80, listener("l", null, vhost("*",
                route("regex", regex("/v[0-9]"))))));

        assertThat(routeName(router, "h", "GET", "/v1")).isEqualTo("regex");
        assertThat(routeName(router, "h", "GET", "/v1/more")).isNull();
    }

    @Test
    void fallsToNextRouteWhenMethodHeaderOrQueryConditionsFail() {
        PortRouter<RouteIr> router = compile(httpPort(80, listener("l", null, vhost("*",
                route("post", withMethod(prefix("/"), "POST")),
                route("header", withHeader(prefix("/"), new HeaderMatchIr("version", StringMatchType.EXACT, "two"))),
                route("header-regex", withHeader(prefix("/"), new HeaderMatchIr("x-id", StringMatchType.REGEX, "[a-f]+"))),
                route("query", withQuery(prefix("/"), new QueryParamMatchIr("animal", StringMatchType.EXACT, "whale"))),
                route("fallback", prefix("/"))))));

        assertThat(routeName(router, "h", "POST", "/")).isEqualTo("post");
        assertThat(routeName(router, "h", "GET", "/", "Version", "two")).isEqualTo("header");
        assertThat(routeName(router, "h", "GET", "/", "version", "Two")).isEqualTo("fallback");
        assertThat(routeName(router, "h", "GET", "/", "x-id", "abc")).isEqualTo("header-regex");
        assertThat(routeName(router, "h", "GET", "/", "x-id", "abcz")).isEqualTo("fallback");
        assertThat(routeName(router, "h", "GET", "/?animal=whale")).isEqualTo("query");
        assertThat(routeName(router, "h", "GET", "/?Animal=whale")).isEqualTo("fallback");
        assertThat(routeName(router, "h", "GET", "/?animal=dolphin&animal=whale")).isEqualTo("fallback");
        assertThat(routeName(router, "h", "GET", "/?x=1&animal=wh%61le")).isEqualTo("query");
    }

    @Test
    void repeatedHeaderIsComparedAsValuesJoinedWithComma() {
        PortRouter<RouteIr> router = compile(httpPort(80, listener("l", null, vhost("*",
                route("joined", withHeader(prefix("/"), new HeaderMatchIr("x-a", StringMatchType.EXACT, "1,2")))))));

        assertThat(routeName(router, "h", "GET", "/", "x-a", "1", "x-a", "2")).isEqualTo("joined");
        assertThat(routeName(router, "h", "GET", "/", "x-a", "1")).isNull();
    }

    @Test
    void rejectsRegexThatDoesNotCompileNamingTheRoute() {
        assertThatThrownBy(() -> compile(httpPort(80, listener("l", null, vhost("*",
                route("httproute/default/bad/rule/0/match/0", regex("/(unclosed")))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("httproute/default/bad/rule/0/match/0")
                .hasMessageContaining("/(unclosed");
    }

    @Test
    void explainsWhyARouteDoesNotMatch() {
        PortRouter<RouteIr> router = compile(httpPort(80, listener("l", null, vhost("*",
                route("post", withMethod(prefix("/api"), "POST")),
                route("other", prefix("/other"))))));
        RouteRequest request = new RouteRequest("h", "GET", "/api/x", null, MultiMap.caseInsensitiveMultiMap());
        RouteSelection<RouteIr> selection = router.select(request);

        assertThat(selection.matched()).isFalse();
        assertThat(selection.candidates()).hasSize(2);
        assertThat(selection.candidates().get(0).mismatch(request)).isEqualTo("method GET is not POST");
        assertThat(selection.candidates().get(1).mismatch(request)).contains("does not match PREFIX /other");
    }
}
