package dev.archway.plugins.builtin.graphql.protect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig.PersistedQueryMode;
import dev.archway.plugins.spi.BodyMode;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.testing.RecordingMetrics;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphQLProtectionFilterTest {
    private static final String URL = "http://api.example.com/graphql";
    private static final String NEW_ACCEPT = "application/graphql-response+json, application/json;q=0.9";
    private static final String QUERY = "query Me { me { name } }";

    private final RecordingMetrics metrics = new RecordingMetrics();

    private HttpFilter filter(PersistedQueryMode mode, List<String> registered) {
        GraphQLProtectionConfig config = new GraphQLProtectionConfig(3, 50, 2, false, 4096, mode, registered, 100);
        return new GraphQLProtectionFactory().create(config, metrics.around(TestBuildContext.empty()));
    }

    private HttpFilter filter() {
        return filter(PersistedQueryMode.OPTIONAL, List.of());
    }

    private static TestFilterContext post(String accept) {
        TestRequest request = TestRequest.of("POST", URL).header("content-type", "application/json");
        if (accept != null) {
            request.header("accept", accept);
        }
        return new TestFilterContext(request);
    }

    /** Runs both request phases as the chain does for a buffered filter. */
    private static FilterStep send(HttpFilter filter, TestFilterContext ctx, String body) {
        FilterStep headers = ctx.runRequestHeaders(filter);
        if (!Steps.isNext(headers)) {
            return headers;
        }
        return filter.onRequestBody(ctx, Buffer.buffer(body));
    }

    private static String body(String query) {
        JsonObject json = new JsonObject();
        if (query != null) {
            json.put("query", query);
        }
        return json.encode();
    }

    private static String apqBody(String query, String hash) {
        JsonObject json = new JsonObject().put("extensions", new JsonObject()
                .put("persistedQuery", new JsonObject().put("version", 1).put("sha256Hash", hash)));
        if (query != null) {
            json.put("query", query);
        }
        return json.encode();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonObject firstError(LocalReply reply) {
        return new JsonObject(reply.body()).getJsonArray("errors").getJsonObject(0);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void buffersTheBodyToReadIt() {
        assertThat(filter().requestBodyMode()).isEqualTo(BodyMode.BUFFER);
    }

    @Test
    void forwardsAnAcceptableQueryUntouchedAndCountsItAllowed() {
        TestFilterContext ctx = post(null);

        FilterStep step = send(filter(), ctx, body(QUERY));

        assertThat(Steps.isNext(step)).isTrue();
        assertThat(ctx.replacedBody()).isNull();
        assertThat(metrics.events()).containsExactly("allowed");
    }

    @Test
    void refusesTooDeepQueryWith400ForGraphQLResponseJsonClients() {
        LocalReply reply = Steps.reply(send(filter(), post(NEW_ACCEPT), body("{ a { b { c { d } } } }")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.headers().get("content-type")).startsWith("application/graphql-response+json");
        assertThat(firstError(reply).getString("message")).isEqualTo("query depth 4 exceeds the limit of 3");
        assertThat(firstError(reply).getJsonObject("extensions").getString("code")).isEqualTo("MAX_DEPTH_EXCEEDED");
    }

    @Test
    void refusesTooDeepQueryWith200ForApplicationJsonClients() {
        LocalReply reply = Steps.reply(send(filter(), post("application/json"), body("{ a { b { c { d } } } }")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(firstError(reply).getJsonObject("extensions").getString("code")).isEqualTo("MAX_DEPTH_EXCEEDED");
    }

    @Test
    void reportsEachRefusalWithItsReason() {
        HttpFilter filter = filter();

        send(filter, post(null), body("{ a { b { c { d } } } }"));
        send(filter, post(null), body("{ a(first: 100) { b } }"));
        send(filter, post(null), body("{ x: a y: a z: a }"));
        send(filter, post(null), body("{ __schema { types { name } } }"));
        send(filter, post(null), apqBody(null, "0".repeat(64)));
        send(filter, post(null), body("{ a "));
        send(filter, post(null), "{ not json");
        send(filter, post(null), body("{ __typename }"));

        assertThat(metrics.events()).containsExactly("denied:depth", "denied:complexity", "denied:aliases",
                "denied:introspection", "denied:persisted_query", "denied:parse", "denied:bad_request", "allowed");
    }

    @Test
    void refusesOtherMethodsAndMediaTypesBeforeTheBodyIsRead() {
        TestFilterContext put = new TestFilterContext(TestRequest.of("PUT", URL));
        LocalReply method = Steps.reply(put.runRequestHeaders(filter()));
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.headers().get("allow")).isEqualTo("GET, POST");

        TestFilterContext form = new TestFilterContext(TestRequest.of("POST", URL)
                .header("content-type", "application/x-www-form-urlencoded"));
        assertThat(Steps.reply(form.runRequestHeaders(filter())).status()).isEqualTo(415);

        TestFilterContext big = post(null);
        big.request().header("content-length", "5000");
        assertThat(Steps.reply(big.runRequestHeaders(filter())).status()).isEqualTo(413);
        assertThat(metrics.events()).containsExactly("denied:method", "denied:media_type", "denied:too_large");
    }

    @Test
    void refusesBodyOverTheLimitWith413() {
        LocalReply reply = Steps.reply(send(filter(), post(NEW_ACCEPT), body("{ " + "a ".repeat(3000) + "}")));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(firstError(reply).getJsonObject("extensions").getString("code")).isEqualTo("REQUEST_TOO_LARGE");
    }

    @Test
    void decidesGetRequestsWithTheirHeaders() {
        TestFilterContext ok = new TestFilterContext(TestRequest.get(URL + "?query=" + enc(QUERY)));
        assertThat(Steps.isNext(ok.runRequestHeaders(filter()))).isTrue();
        assertThat(ok.request().query()).isEqualTo("query=" + enc(QUERY));

        TestFilterContext mutation = new TestFilterContext(TestRequest.get(URL + "?query=" + enc("mutation { drop }")));
        LocalReply reply = Steps.reply(mutation.runRequestHeaders(filter()));
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.headers().get("allow")).isEqualTo("GET, POST");
    }

    @Test
    void apqOverPostMissesThenLearnsThenForwardsTheFullQuery() throws Exception {
        HttpFilter filter = filter();
        String hash = sha256(QUERY);

        LocalReply miss = Steps.reply(send(filter, post(NEW_ACCEPT), apqBody(null, hash)));
        assertThat(miss.status()).isEqualTo(200);
        assertThat(firstError(miss).getString("message")).isEqualTo("PersistedQueryNotFound");
        assertThat(firstError(miss).getJsonObject("extensions").getString("code")).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        TestFilterContext register = post(null);
        assertThat(Steps.isNext(send(filter, register, apqBody(QUERY, hash)))).isTrue();
        JsonObject registered = new JsonObject(register.replacedBody());
        assertThat(registered.getString("query")).isEqualTo(QUERY);
        assertThat(registered.containsKey("extensions")).isFalse();

        TestFilterContext hit = post(null);
        assertThat(Steps.isNext(send(filter, hit, apqBody(null, hash)))).isTrue();
        JsonObject forwarded = new JsonObject(hit.replacedBody());
        assertThat(forwarded.getString("query")).isEqualTo(QUERY);
        assertThat(forwarded.containsKey("extensions")).isFalse();
        assertThat(metrics.events()).containsExactly("denied:persisted_query", "allowed", "allowed");
    }

    @Test
    void apqOverGetRewritesTheQueryStringWithTheFullQuery() throws Exception {
        HttpFilter filter = filter();
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + sha256(QUERY) + "\"}}";
        send(filter, post(null), apqBody(QUERY, sha256(QUERY)));

        TestFilterContext hit = new TestFilterContext(TestRequest.get(URL + "?operationName=Me&extensions=" + enc(extensions)));
        assertThat(Steps.isNext(hit.runRequestHeaders(filter))).isTrue();

        String forwarded = hit.request().query();
        assertThat(forwarded).startsWith("operationName=Me&query=").doesNotContain("extensions");
        String query = forwarded.substring(forwarded.indexOf("query=") + "query=".length());
        assertThat(URLDecoder.decode(query, StandardCharsets.UTF_8)).isEqualTo(QUERY);
    }

    @Test
    void apqHashMismatchIsRefusedWith400() throws Exception {
        LocalReply reply = Steps.reply(send(filter(), post(null), apqBody(QUERY, sha256("{ other }"))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(firstError(reply).getString("message")).isEqualTo("provided sha does not match query");
    }

    @Test
    void allowListForwardsRegisteredQueriesByTextOrHashAndRefusesOthers() throws Exception {
        HttpFilter filter = filter(PersistedQueryMode.REQUIRED, List.of(QUERY));

        TestFilterContext byText = post(null);
        assertThat(Steps.isNext(send(filter, byText, body(QUERY)))).isTrue();
        assertThat(byText.replacedBody()).isNull();

        TestFilterContext byHash = post(null);
        assertThat(Steps.isNext(send(filter, byHash, apqBody(null, sha256(QUERY))))).isTrue();
        assertThat(new JsonObject(byHash.replacedBody()).getString("query")).isEqualTo(QUERY);

        LocalReply other = Steps.reply(send(filter, post(NEW_ACCEPT), body("{ me { id } }")));
        assertThat(other.status()).isEqualTo(403);
        assertThat(firstError(other).getJsonObject("extensions").getString("code")).isEqualTo("PERSISTED_QUERY_NOT_ALLOWED");
        assertThat(Steps.reply(send(filter, post("application/json"), body("{ me { id } }"))).status()).isEqualTo(200);
    }

    @Test
    void disabledModeAnswersPersistedQueryNotSupportedAndForwardsFullQueriesUntouched() throws Exception {
        HttpFilter filter = filter(PersistedQueryMode.DISABLED, List.of());

        LocalReply reply = Steps.reply(send(filter, post(NEW_ACCEPT), apqBody(null, sha256(QUERY))));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(firstError(reply).getString("message")).isEqualTo("PersistedQueryNotSupported");

        TestFilterContext full = post(null);
        assertThat(Steps.isNext(send(filter, full, apqBody(QUERY, sha256(QUERY))))).isTrue();
        assertThat(full.replacedBody()).isNull();
    }
}
