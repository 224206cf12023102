package dev.archway.plugins.builtin.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.CorsConfig;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases of the Gateway API conformance test HTTPRouteCORS, one test each, with its routes'
 * configs and its accepted statuses and header values (compared, like the suite, ignoring
 * whitespace). A simple request's upstream answer is simulated as a 200.
 */
class CorsConformanceTest {
    /** Route cors-multiple-origins-methods-headers (/cors-1). */
    private static final HttpFilter CORS_1 = filter(new CorsConfig(
            List.of("https://www.foo.com", "https://*.bar.com"), List.of("GET", "OPTIONS"),
            List.of("x-header-1", "x-header-2"), List.of("x-header-3", "x-header-4"), true, 3600));
    /** Route cors-wildcard-methods (/cors-2). */
    private static final HttpFilter CORS_2 = filter(new CorsConfig(
            List.of("https://www.foo.com"), List.of("*"), List.of(), List.of(), false,
            CorsConfig.DEFAULT_MAX_AGE_SECONDS));
    /** Route cors-wildcard-origin. */
    private static final HttpFilter WILDCARD_ORIGIN = filter(new CorsConfig(
            List.of("*"), List.of("PUT"), List.of(), List.of(), false, CorsConfig.DEFAULT_MAX_AGE_SECONDS));
    /** Route cors-wildcard-methods-headers, first rule. */
    private static final HttpFilter WILDCARDS_WITH_CREDENTIALS = filter(new CorsConfig(
            List.of("*"), List.of("*"), List.of("*"), List.of(), true, CorsConfig.DEFAULT_MAX_AGE_SECONDS));
    /** Route cors-wildcard-methods-headers, second rule (-unauth). */
    private static final HttpFilter WILDCARDS_WITHOUT_CREDENTIALS = filter(new CorsConfig(
            List.of("*"), List.of("*"), List.of("*"), List.of(), false, CorsConfig.DEFAULT_MAX_AGE_SECONDS));

    private static HttpFilter filter(CorsConfig config) {
        assertThat(new CorsFilterFactory().validate(config)).isEmpty();
        return new CorsFilterFactory().create(config, TestBuildContext.empty());
    }

    private static LocalReply preflight(HttpFilter filter, String origin, String method, String headers) {
        TestRequest request = TestRequest.of("OPTIONS", "http://gateway.test/cors")
                .header("Origin", origin).header("access-control-request-method", method);
        if (headers != null) {
            request.header("access-control-request-headers", headers);
        }
        FilterStep step = new TestFilterContext(request).runRequestHeaders(filter);
        return Steps.reply(step);
    }

    /** Runs a non-preflight request through the filter and an upstream answering 200. */
    private static TestFilterContext simple(HttpFilter filter, String method, String origin, String requestMethod) {
        TestRequest request = TestRequest.of(method, "http://gateway.test/cors").header("Origin", origin);
        if (requestMethod != null) {
            request.header("access-control-request-method", requestMethod)
                    .header("access-control-request-headers", "x-header-1, x-header-2");
        }
        TestFilterContext ctx = new TestFilterContext(request);
        assertThat(ctx.runRequestHeaders(filter)).matches(Steps::isNext, "goes upstream");
        ctx.response().status(200);
        assertThat(ctx.runResponseHeaders(filter)).matches(Steps::isNext);
        return ctx;
    }

    private static void assertOneOf(MultiMap headers, String name, String... accepted) {
        assertThat(headers.getAll(name)).as(name).hasSize(1);
        String actual = headers.get(name).replaceAll("\\s", "");
        assertThat(actual).as(name).isIn(Arrays.stream(accepted).map(v -> v.replaceAll("\\s", "")).toList());
    }

    private static void assertCors1Preflight(LocalReply reply, String origin) {
        assertThat(reply.status()).isIn(200, 204);
        assertOneOf(reply.headers(), "access-control-allow-origin", origin);
        assertOneOf(reply.headers(), "access-control-allow-methods", "GET, OPTIONS", "OPTIONS, GET");
        assertOneOf(reply.headers(), "access-control-allow-headers", "x-header-1, x-header-2", "x-header-2, x-header-1");
        assertOneOf(reply.headers(), "access-control-expose-headers", "x-header-3, x-header-4", "x-header-4, x-header-3");
        assertOneOf(reply.headers(), "access-control-max-age", "3600");
        assertOneOf(reply.headers(), "access-control-allow-credentials", "true");
    }

    @Test
    void preflightFromAnExactlyMatchingOriginIsAllowed() {
        assertCors1Preflight(preflight(CORS_1, "https://www.foo.com", "GET", "x-header-1, x-header-2"),
                "https://www.foo.com");
    }

    @Test
    void preflightFromAWildcardMatchingOriginIsAllowed() {
        assertCors1Preflight(preflight(CORS_1, "https://www.bar.com", "GET", "x-header-1, x-header-2"),
                "https://www.bar.com");
    }

    @Test
    void preflightFromAnOriginWithSeveralLabelsLeftOfTheWildcardIsAllowed() {
        assertCors1Preflight(preflight(CORS_1, "https://xpto.www.bar.com", "GET", "x-header-1, x-header-2"),
                "https://xpto.www.bar.com");
    }

    @Test
    void preflightFromANonMatchingOriginIsAnsweredWithoutAllowOrigin() {
        LocalReply reply = preflight(CORS_1, "https://foobar.com", "GET", null);

        assertThat(reply.status()).isIn(200, 204, 403);
        assertThat(reply.headers().contains("access-control-allow-origin")).isFalse();
    }

    @Test
    void simpleRequestFromAnExactlyMatchingOriginIsAllowed() {
        TestFilterContext ctx = simple(CORS_1, "GET", "https://www.foo.com", "GET");

        assertThat(ctx.response().status()).isEqualTo(200);
        assertThat(ctx.response().headers().get("access-control-allow-origin")).isEqualTo("https://www.foo.com");
    }

    @Test
    void simpleRequestFromAWildcardMatchingOriginIsAllowed() {
        TestFilterContext ctx = simple(CORS_1, "GET", "https://www.bar.com", "GET");

        assertThat(ctx.response().status()).isEqualTo(200);
        assertThat(ctx.response().headers().get("access-control-allow-origin")).isEqualTo("https://www.bar.com");
    }

    @Test
    void simpleRequestFromANonMatchingOriginGetsNoAllowOrigin() {
        TestFilterContext ctx = simple(CORS_1, "GET", "https://foobar.com", "GET");

        assertThat(ctx.response().headers().contains("access-control-allow-origin")).isFalse();
    }

    @Test
    void preflightForPostIsAllowedByWildcardMethods() {
        LocalReply reply = preflight(CORS_2, "https://www.foo.com", "POST", null);

        assertThat(reply.status()).isIn(200, 204);
        assertOneOf(reply.headers(), "access-control-allow-methods", "POST", "*");
        assertThat(reply.headers().get("access-control-allow-origin")).isEqualTo("https://www.foo.com");
        assertThat(reply.headers().contains("access-control-allow-credentials")).isFalse();
    }

    @Test
    void preflightCarriesNoAllowCredentialsWhenCredentialsAreNotAllowed() {
        LocalReply reply = preflight(CORS_2, "https://www.foo.com", "POST", null);

        assertThat(reply.status()).isIn(200, 204);
        assertThat(reply.headers().contains("Access-Control-Allow-Credentials")).isFalse();
    }

    @Test
    void preflightFromAnyOriginIsAnsweredWithStarOrTheOrigin() {
        LocalReply reply = preflight(WILDCARD_ORIGIN, "https://foobar.com", "PUT", null);

        assertThat(reply.status()).isIn(200, 204);
        assertOneOf(reply.headers(), "access-control-allow-origin", "https://foobar.com", "*");
        assertOneOf(reply.headers(), "access-control-allow-methods", "PUT");
        assertThat(reply.headers().contains("Access-Control-Allow-Credentials")).isFalse();
    }

    @Test
    void preflightFromAnyOriginWithAPortIsAnsweredWithStarOrTheOrigin() {
        LocalReply reply = preflight(WILDCARD_ORIGIN, "https://foobar.com:12345", "PUT", null);

        assertThat(reply.status()).isIn(200, 204);
        assertOneOf(reply.headers(), "access-control-allow-origin", "https://foobar.com:12345", "*");
        assertOneOf(reply.headers(), "access-control-allow-methods", "PUT");
        assertThat(reply.headers().contains("Access-Control-Allow-Credentials")).isFalse();
    }

    @Test
    void requestFromAnyOriginWithAPortGetsStarOrTheOrigin() {
        TestFilterContext ctx = simple(WILDCARD_ORIGIN, "PUT", "https://foobar.com:12345", null);

        assertThat(ctx.response().status()).isEqualTo(200);
        assertOneOf(ctx.response().headers(), "access-control-allow-origin", "https://foobar.com:12345", "*");
    }

    @Test
    void simpleRequestFromAnyOriginGetsStarOrTheOriginAndNoCredentials() {
        TestFilterContext ctx = simple(WILDCARD_ORIGIN, "PUT", "https://foobar.com", null);

        assertThat(ctx.response().status()).isEqualTo(200);
        assertOneOf(ctx.response().headers(), "access-control-allow-origin", "https://foobar.com", "*");
        assertThat(ctx.response().headers().contains("Access-Control-Allow-Credentials")).isFalse();
    }

    @Test
    void preflightWithWildcardsAndCredentialsEchoesOriginMethodAndHeaders() {
        LocalReply reply = preflight(WILDCARDS_WITH_CREDENTIALS, "https://other.foo.com", "PUT", "x-header-1, x-header-2");

        assertThat(reply.status()).isIn(200, 204);
        assertOneOf(reply.headers(), "access-control-allow-origin", "https://other.foo.com");
        assertOneOf(reply.headers(), "access-control-allow-methods", "PUT");
        assertOneOf(reply.headers(), "access-control-allow-headers", "x-header-1, x-header-2", "x-header-2, x-header-1");
        assertOneOf(reply.headers(), "access-control-allow-credentials", "true");
    }

    @Test
    void preflightWithWildcardsWithoutCredentialsHidesAllowCredentials() {
        LocalReply reply = preflight(WILDCARDS_WITHOUT_CREDENTIALS, "https://other.foo.com", "PUT",
                "x-header-1, x-header-2");

        assertThat(reply.status()).isIn(200, 204);
        assertOneOf(reply.headers(), "access-control-allow-origin", "https://other.foo.com", "*");
        assertOneOf(reply.headers(), "access-control-allow-methods", "PUT", "*");
        assertOneOf(reply.headers(), "access-control-allow-headers", "x-header-1, x-header-2", "x-header-2, x-header-1", "*");
        assertThat(reply.headers().contains("access-control-allow-credentials")).isFalse();
    }

    @Test
    void requestGetsAllowCredentialsWhenCredentialsAreAllowed() {
        TestFilterContext ctx = simple(WILDCARDS_WITH_CREDENTIALS, "GET", "https://other.foo.com", null);

        assertThat(ctx.response().status()).isEqualTo(200);
        assertOneOf(ctx.response().headers(), "access-control-allow-origin", "https://other.foo.com");
        assertOneOf(ctx.response().headers(), "access-control-allow-credentials", "true");
    }

    @Test
    void requestGetsNoAllowCredentialsWhenCredentialsAreNotAllowed() {
        TestFilterContext ctx = simple(WILDCARDS_WITHOUT_CREDENTIALS, "GET", "https://other.foo.com", null);

        assertThat(ctx.response().status()).isEqualTo(200);
        assertOneOf(ctx.response().headers(), "access-control-allow-origin", "https://other.foo.com", "*");
        assertThat(ctx.response().headers().contains("access-control-allow-credentials")).isFalse();
    }
}
