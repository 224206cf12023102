package dev.archway.plugins.builtin.graphql.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphQLRequestTest {
    private static final int MAX = 1024;

    private static TestRequest post(String contentType) {
        TestRequest request = TestRequest.of("POST", "http://api.example.com/graphql");
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        return request;
    }

    private static GraphQLRequest parsePost(String json) throws GraphQLRequestException {
        return GraphQLRequest.parse(post("application/json"), Buffer.buffer(json), MAX);
    }

    private static GraphQLRequestException refusedPost(String json) {
        return catchThrowableOfType(GraphQLRequestException.class, () -> parsePost(json));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void readsQueryOperationNameAndVariablesFromGetQueryString() throws Exception {
        TestRequest get = TestRequest.get("http://api.example.com/graphql?query=" + enc("query Q($id: ID) { user(id: $id) { name } }")
                + "&operationName=Q&variables=" + enc("{\"id\":\"7\",\"n\":3}") + "&other=kept");

        GraphQLRequest request = GraphQLRequest.parse(get, null, MAX);

        assertThat(request.query()).isEqualTo("query Q($id: ID) { user(id: $id) { name } }");
        assertThat(request.operationName()).isEqualTo("Q");
        assertThat(request.variables()).containsEntry("id", "7").containsEntry("n", 3);
        assertThat(request.viaGet()).isTrue();
    }

    @Test
    void readsPostBodyAndKeepsIntegersAsIntegers() throws Exception {
        GraphQLRequest request = parsePost("{\"query\":\"{ a }\",\"operationName\":null,"
                + "\"variables\":{\"i\":42,\"l\":12345678901,\"big\":123456789012345678901234567890,"
                + "\"d\":1.5,\"b\":true,\"nothing\":null,\"list\":[1,\"x\"],\"obj\":{\"k\":2}},"
                + "\"extensions\":{\"trace\":true}}");

        assertThat(request.query()).isEqualTo("{ a }");
        assertThat(request.operationName()).isNull();
        assertThat(request.viaGet()).isFalse();
        Map<String, Object> variables = request.variables();
        assertThat(variables.get("i")).isEqualTo(42);
        assertThat(variables.get("l")).isEqualTo(12345678901L);
        assertThat(variables.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(variables.get("d")).isEqualTo(new BigDecimal("1.5"));
        assertThat(variables.get("b")).isEqualTo(true);
        assertThat(variables).containsKey("nothing");
        assertThat(variables.get("nothing")).isNull();
        assertThat(variables.get("list")).asList().containsExactly(1, "x");
        assertThat(variables.get("obj")).isEqualTo(Map.of("k", 2));
        assertThat(request.extensions()).containsEntry("trace", true);
    }

    @Test
    void acceptsJsonWithUtf8CharsetParameter() throws Exception {
        GraphQLRequest request = GraphQLRequest.parse(post("application/json; charset=UTF-8"),
                Buffer.buffer("{\"query\":\"{ a }\"}"), MAX);

        assertThat(request.query()).isEqualTo("{ a }");
    }

    @Test
    void returns415ForPostThatIsNotJson() {
        for (String type : new String[] {null, "text/plain", "application/graphql-response+json",
                "application/json; charset=latin1"}) {
            GraphQLRequestException e = catchThrowableOfType(GraphQLRequestException.class,
                    () -> GraphQLRequest.parse(post(type), Buffer.buffer("{\"query\":\"{ a }\"}"), MAX));

            assertThat(e.status()).as(type).isEqualTo(415);
            assertThat(e.code()).isEqualTo(GraphQLErrorCodes.UNSUPPORTED_MEDIA_TYPE);
        }
    }

    @Test
    void returns405ForMethodsOtherThanGetAndPost() {
        GraphQLRequestException e = catchThrowableOfType(GraphQLRequestException.class,
                () -> GraphQLRequest.parse(TestRequest.of("PUT", "http://api.example.com/graphql"), null, MAX));

        assertThat(e.status()).isEqualTo(405);
        assertThat(e.code()).isEqualTo(GraphQLErrorCodes.METHOD_NOT_ALLOWED);
        assertThat(e.getMessage()).isEqualTo("method PUT (expected: GET or POST)");
    }

    @Test
    void returns400WithLineAndColumnForMalformedJson() {
        GraphQLRequestException e = refusedPost("{\"query\": \"{ a }\",\n  oops}");

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(GraphQLErrorCodes.BAD_REQUEST);
        assertThat(e.getMessage()).startsWith("body: not valid JSON at 2:");
    }

    @Test
    void returns400ForBodyThatIsNotAnObjectOrHasTrailingContent() {
        assertThat(refusedPost("[{\"query\":\"{ a }\"}]").getMessage())
                .isEqualTo("body: an array (expected: a JSON object with a query)");
        assertThat(refusedPost("{\"query\":\"{ a }\"} {}").status()).isEqualTo(400);
        assertThat(refusedPost("").getMessage()).startsWith("body: empty");
    }

    @Test
    void returns400ForDuplicateKeysSoThatGatewayAndUpstreamSeeTheSameQuery() {
        GraphQLRequestException e = refusedPost("{\"query\":\"{ a }\",\"query\":\"{ secret }\"}");

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("query");
    }

    @Test
    void returns400WhenVariablesOrExtensionsAreNotObjects() {
        assertThat(refusedPost("{\"query\":\"{ a }\",\"variables\":\"{}\"}").getMessage())
                .isEqualTo("variables: a string (expected: a JSON object)");
        assertThat(refusedPost("{\"query\":\"{ a }\",\"extensions\":[1]}").getMessage())
                .isEqualTo("extensions: an array (expected: a JSON object)");

        GraphQLRequestException get = catchThrowableOfType(GraphQLRequestException.class, () -> GraphQLRequest.parse(
                TestRequest.get("http://h/graphql?query=%7Ba%7D&variables=" + enc("[1,2]")), null, MAX));
        assertThat(get.getMessage()).isEqualTo("variables: an array (expected: a JSON object)");
    }

    @Test
    void returns400WhenQueryOrOperationNameIsNotAString() {
        assertThat(refusedPost("{\"query\":{\"a\":1}}").getMessage()).isEqualTo("query: an object (expected: a string)");
        assertThat(refusedPost("{\"query\":\"{ a }\",\"operationName\":7}").getMessage())
                .isEqualTo("operationName: a number (expected: a string)");
    }

    @Test
    void returns400WithoutQueryOrPersistedQuery() {
        GraphQLRequestException e = refusedPost("{\"variables\":{}}");

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("query: missing");
    }

    @Test
    void acceptsHashOnlyRequestWithoutQuery() throws Exception {
        GraphQLRequest request = GraphQLRequest.parse(TestRequest.get("http://h/graphql?extensions="
                + enc("{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"ab\"}}")), null, MAX);

        assertThat(request.query()).isNull();
        assertThat(request.persistedQuery()).isEqualTo(Map.of("version", 1, "sha256Hash", "ab"));
    }

    @Test
    void returns413WhenBodyOrQueryStringExceedsMaxRequestBytes() {
        String big = "{\"query\":\"{ " + "a ".repeat(MAX) + "}\"}";
        GraphQLRequestException body = refusedPost(big);
        assertThat(body.status()).isEqualTo(413);
        assertThat(body.code()).isEqualTo(GraphQLErrorCodes.REQUEST_TOO_LARGE);
        assertThat(body.getMessage()).isEqualTo("body: " + big.length() + " bytes (expected: at most " + MAX + ")");

        GraphQLRequestException get = catchThrowableOfType(GraphQLRequestException.class, () -> GraphQLRequest.parse(
                TestRequest.get("http://h/graphql?query=" + "a".repeat(MAX)), null, MAX));
        assertThat(get.status()).isEqualTo(413);
        assertThat(get.getMessage()).startsWith("query string: ");
    }

    @Test
    void refusesDeclaredLengthOverTheLimitBeforeTheBodyIsRead() {
        TestRequest head = post("application/json").header("content-length", String.valueOf(MAX + 1));

        GraphQLRequestException e = catchThrowableOfType(GraphQLRequestException.class,
                () -> GraphQLRequest.checkHead(head, MAX));

        assertThat(e.status()).isEqualTo(413);
    }

    @Test
    void returns400WhenAGetParameterIsRepeated() {
        GraphQLRequestException e = catchThrowableOfType(GraphQLRequestException.class, () -> GraphQLRequest.parse(
                TestRequest.get("http://h/graphql?query=%7Ba%7D&query=%7Bsecret%7D"), null, MAX));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("query string: parameter query given more than once (expected: once)");
    }

    @Test
    void returns400ForMalformedPercentEncoding() {
        TestRequest get = TestRequest.get("http://h/graphql");
        get.query("query=%7"); // a URI would refuse it; the gateway hands the raw query on

        GraphQLRequestException e = catchThrowableOfType(GraphQLRequestException.class,
                () -> GraphQLRequest.parse(get, null, MAX));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("query: malformed percent-encoding");
    }

    @Test
    void refusesPostCarryingGraphQLParametersInTheUrlThatAnUpstreamCouldRunUnchecked() {
        TestRequest head = TestRequest.of("POST", "http://h/graphql?other=kept&query=" + enc("{ secret }"))
                .header("content-type", "application/json");

        GraphQLRequestException e = catchThrowableOfType(GraphQLRequestException.class,
                () -> GraphQLRequest.parse(head, Buffer.buffer("{\"query\":\"{ a }\"}"), MAX));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("query string: parameter query on a POST (expected: GraphQL parameters "
                + "in the JSON body only)");
    }

    @Test
    void acceptsPostWithOtherQueryParameters() throws Exception {
        TestRequest head = TestRequest.of("POST", "http://h/graphql?tenant=a").header("content-type", "application/json");

        assertThat(GraphQLRequest.parse(head, Buffer.buffer("{\"query\":\"{ a }\"}"), MAX).query()).isEqualTo("{ a }");
    }

    @Test
    void refusesGetWithABodyTheGatewayWouldNotCheck() {
        for (TestRequest get : new TestRequest[] {
                TestRequest.get("http://h/graphql?query=%7Ba%7D").header("content-length", "12"),
                TestRequest.get("http://h/graphql?query=%7Ba%7D").header("transfer-encoding", "chunked")}) {
            GraphQLRequestException e = catchThrowableOfType(GraphQLRequestException.class,
                    () -> GraphQLRequest.checkHead(get, MAX));

            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("body: a GET with a body (expected: GraphQL parameters in the query "
                    + "string only)");
        }
    }
}
