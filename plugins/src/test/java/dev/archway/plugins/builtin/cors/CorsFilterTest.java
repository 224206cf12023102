package dev.archway.plugins.builtin.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.CorsConfig;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.RecordingMetrics;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the CORS filter does beyond the conformance cases: local replies, Vary, shared instances. */
class CorsFilterTest {
    private static final String APP = "https://app.example.com";

    private static HttpFilter cors(List<String> origins, List<String> expose, boolean credentials) {
        return new CorsFilterFactory().create(new CorsConfig(origins, List.of("GET", "POST"),
                List.of("authorization"), expose, credentials, 600), TestBuildContext.empty());
    }

    private static HttpFilter appOnly() {
        return cors(List.of(APP), List.of("x-request-id"), true);
    }

    /** Stands in for JWT: refuses every request with 401, as an authentication filter would. */
    private static final HttpFilter UNAUTHORIZED = new HttpFilter() {
        @Override
        public FilterStep onRequestHeaders(HttpFilterContext ctx) {
            return FilterStep.reply(LocalReply.text(401, "missing token"));
        }
    };

    /** Plays the chain driver: a local reply becomes the response before the response phase. */
    private static void becomeResponse(TestFilterContext ctx, LocalReply reply) {
        ctx.response().status(reply.status());
        ctx.response().headers().addAll(reply.headers());
    }

    private static TestFilterContext get(String origin) {
        TestRequest request = TestRequest.get("http://gateway.test/api");
        if (origin != null) {
            request.header("Origin", origin);
        }
        return new TestFilterContext(request);
    }

    @Test
    void countsPreflightsAllowedAndDeniedForTheirOrigin() {
        RecordingMetrics metrics = new RecordingMetrics();
        HttpFilter filter = new CorsFilterFactory().create(new CorsConfig(List.of(APP), List.of("GET"), List.of(),
                List.of(), false, 5), metrics.around(TestBuildContext.empty()));

        for (String origin : List.of(APP, "https://evil.example.com")) {
            new TestFilterContext(TestRequest.of("OPTIONS", "http://gateway.test/api").header("Origin", origin)
                    .header("Access-Control-Request-Method", "GET")).runRequestHeaders(filter);
        }

        assertThat(metrics.events()).containsExactly("allowed", "denied:origin_not_allowed");
    }

    @Test
    void answersAPreflightBeforeAuthenticationRuns() {
        TestFilterContext ctx = new TestFilterContext(TestRequest.of("OPTIONS", "http://gateway.test/api")
                .header("Origin", APP).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization"));

        LocalReply reply = Steps.reply(ctx.runRequestHeaders(appOnly(), UNAUTHORIZED));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(reply.headers().get("Access-Control-Allow-Methods")).isEqualTo("GET, POST");
        assertThat(reply.headers().get("Access-Control-Allow-Headers")).isEqualTo("authorization");
        assertThat(reply.headers().get("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(reply.headers().get("Vary")).isEqualTo("Origin");
    }

    @Test
    void deniesAPreflightFromAnotherOriginWithoutAnyCorsHeader() {
        TestFilterContext ctx = new TestFilterContext(TestRequest.of("OPTIONS", "http://gateway.test/api")
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));

        LocalReply reply = Steps.reply(ctx.runRequestHeaders(appOnly()));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void passesOnAnOptionsRequestThatIsNotAPreflight() {
        HttpFilter cors = appOnly();
        TestFilterContext withoutRequestMethod = new TestFilterContext(
                TestRequest.of("OPTIONS", "http://gateway.test/api").header("Origin", APP));
        TestFilterContext withoutOrigin = new TestFilterContext(
                TestRequest.of("OPTIONS", "http://gateway.test/api").header("Access-Control-Request-Method", "GET"));

        assertThat(withoutRequestMethod.runRequestHeaders(cors)).matches(Steps::isNext);
        assertThat(withoutOrigin.runRequestHeaders(cors)).matches(Steps::isNext);

        withoutRequestMethod.response().status(204);
        withoutRequestMethod.runResponseHeaders(cors);
        assertThat(withoutRequestMethod.response().headers().get("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void marksTheLocalReplyOfALaterFilterSoScriptsCanReadTheError() {
        HttpFilter cors = appOnly();
        TestFilterContext ctx = get(APP);

        LocalReply refusal = Steps.reply(ctx.runRequestHeaders(cors, UNAUTHORIZED));
        becomeResponse(ctx, refusal);
        ctx.runResponseHeaders(cors);

        assertThat(ctx.response().status()).isEqualTo(401);
        assertThat(ctx.response().headers().get("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(ctx.response().headers().get("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(ctx.response().headers().get("Access-Control-Expose-Headers")).isEqualTo("x-request-id");
        assertThat(ctx.response().headers().get("content-type")).startsWith("text/plain");
    }

    @Test
    void keepsTheDecisionWhenALaterFilterRemovesTheOriginHeader() {
        HttpFilter cors = appOnly();
        TestFilterContext ctx = get(APP);

        ctx.runRequestHeaders(cors);
        ctx.request().headers().remove("Origin");
        ctx.response().status(200);
        ctx.runResponseHeaders(cors);

        assertThat(ctx.response().headers().get("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void oneInstanceKeepsTheDecisionsOfInterleavedRequestsApart() {
        HttpFilter cors = appOnly();
        TestFilterContext allowed = get(APP);
        TestFilterContext other = get("https://other.example");

        allowed.runRequestHeaders(cors);
        other.runRequestHeaders(cors);
        other.response().status(200);
        allowed.response().status(200);
        other.runResponseHeaders(cors);
        allowed.runResponseHeaders(cors);

        assertThat(allowed.response().headers().get("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(other.response().headers().contains("Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void twoCorsFiltersOnOneChainKeepTheirOwnDecisions() {
        HttpFilter policy = cors(List.of("https://other.example"), List.of(), false);
        HttpFilter route = appOnly();
        TestFilterContext ctx = get(APP);

        ctx.runRequestHeaders(policy, route);
        ctx.response().status(200);
        ctx.runResponseHeaders(policy);

        assertThat(ctx.response().headers().contains("Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void addsVaryOriginAlsoToResponsesOfRequestsWithoutOrigin() {
        HttpFilter cors = appOnly();
        TestFilterContext ctx = get(null);

        ctx.runRequestHeaders(cors);
        ctx.response().status(200);
        ctx.runResponseHeaders(cors);

        assertThat(ctx.response().headers().getAll("Vary")).containsExactly("Origin");
        assertThat(ctx.response().headers().contains("Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void doesNotRepeatAVaryValueThatAlreadyCoversOrigin() {
        HttpFilter cors = appOnly();
        for (String existing : List.of("Accept-Encoding, origin", "*", "accept-encoding,\tORIGIN ")) {
            TestFilterContext ctx = get(APP);
            ctx.runRequestHeaders(cors);
            ctx.response().status(200);
            ctx.response().header("Vary", existing);

            ctx.runResponseHeaders(cors);

            assertThat(ctx.response().headers().getAll("Vary")).as(existing).containsExactly(existing);
        }
    }

    @Test
    void addsVaryOriginBesideAVaryThatDoesNotNameIt() {
        HttpFilter cors = appOnly();
        TestFilterContext ctx = get(APP);
        ctx.runRequestHeaders(cors);
        ctx.response().status(200);
        ctx.response().header("Vary", "Accept-Encoding, Origin-Agent");

        ctx.runResponseHeaders(cors);

        assertThat(ctx.response().headers().getAll("Vary")).containsExactly("Accept-Encoding, Origin-Agent", "Origin");
    }

    @Test
    void replacesTheUpstreamsAllowOriginInsteadOfSendingTwo() {
        HttpFilter cors = appOnly();
        TestFilterContext ctx = get(APP);
        ctx.runRequestHeaders(cors);
        ctx.response().status(200);
        ctx.response().header("Access-Control-Allow-Origin", "*");

        ctx.runResponseHeaders(cors);

        assertThat(ctx.response().headers().getAll("Access-Control-Allow-Origin")).containsExactly(APP);
    }

    @Test
    void dropsTheUpstreamsOwnCorsHeadersForAnOriginThePolicyDoesNotAllow() {
        HttpFilter cors = cors(List.of(APP), List.of(), false);
        TestFilterContext ctx = get("https://evil.example.com");
        ctx.runRequestHeaders(cors);
        ctx.response().status(200);
        ctx.response().header("Access-Control-Allow-Origin", "https://evil.example.com");
        ctx.response().header("Access-Control-Allow-Credentials", "true");
        ctx.response().header("Access-Control-Expose-Headers", "x-secret");

        ctx.runResponseHeaders(cors);

        assertThat(ctx.response().headers().names()).noneMatch(n -> n.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void anyOriginWithoutCredentialsAnswersStarOnEveryResponseWithoutVary() {
        HttpFilter cors = cors(List.of("*"), List.of("*"), false);
        for (String origin : new String[] {APP, "null", null}) {
            TestFilterContext ctx = get(origin);
            ctx.runRequestHeaders(cors);
            ctx.response().status(200);

            ctx.runResponseHeaders(cors);

            assertThat(ctx.response().headers().get("Access-Control-Allow-Origin")).as(origin).isEqualTo("*");
            assertThat(ctx.response().headers().get("Access-Control-Expose-Headers")).as(origin).isEqualTo("*");
            assertThat(ctx.response().headers().contains("Vary")).as(origin).isFalse();
        }
    }

    @Test
    void anyOriginWithCredentialsNeverAnswersStar() {
        HttpFilter cors = cors(List.of("*"), List.of("*"), true);
        TestFilterContext ctx = get("https://anyone.example:8443");
        ctx.runRequestHeaders(cors);
        ctx.response().status(200);
        ctx.response().header("X-Request-Id", "r1");

        ctx.runResponseHeaders(cors);

        MultiMap headers = ctx.response().headers();
        assertThat(headers.get("Access-Control-Allow-Origin")).isEqualTo("https://anyone.example:8443");
        assertThat(headers.get("Access-Control-Allow-Credentials")).isEqualTo("true");
        // "*" would be read as a header named "*" with credentials, so the response's names are listed.
        assertThat(headers.get("Access-Control-Expose-Headers")).contains("X-Request-Id").doesNotContain("*");
    }

    @Test
    void anyOriginWithCredentialsDoesNotEchoTheOpaqueNullOrigin() {
        HttpFilter cors = cors(List.of("*"), List.of(), true);
        TestFilterContext ctx = get("null");
        ctx.runRequestHeaders(cors);
        ctx.response().status(200);

        ctx.runResponseHeaders(cors);

        assertThat(ctx.response().headers().contains("Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void wildcardHeadersEchoTheRequestedOnesAndOmitTheHeaderWhenNoneAreRequested() {
        HttpFilter cors = new CorsFilterFactory().create(new CorsConfig(List.of(APP), List.of("*"), List.of("*"),
                List.of(), false, 5), TestBuildContext.empty());
        TestRequest asking = TestRequest.of("OPTIONS", "http://gateway.test/api").header("Origin", APP)
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization,x-trace");
        TestRequest notAsking = TestRequest.of("OPTIONS", "http://gateway.test/api").header("Origin", APP)
                .header("Access-Control-Request-Method", "DELETE");

        LocalReply echoed = Steps.reply(new TestFilterContext(asking).runRequestHeaders(cors));
        LocalReply bare = Steps.reply(new TestFilterContext(notAsking).runRequestHeaders(cors));

        assertThat(echoed.headers().get("Access-Control-Allow-Headers")).isEqualTo("authorization,x-trace");
        assertThat(echoed.headers().get("Access-Control-Allow-Methods")).isEqualTo("DELETE");
        assertThat(echoed.headers().get("Vary"))
                .isEqualTo("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        assertThat(bare.headers().contains("Access-Control-Allow-Headers")).isFalse();
        assertThat(bare.headers().get("Access-Control-Max-Age")).isEqualTo("5");
    }
}
