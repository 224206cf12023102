package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * GraphQL through a real gateway process: the worked example of docs/graphql.md run as written
 * (its YAML, its requests, its answers) against the REST services it describes, and
 * {@code TrafficPolicy.graphql} in front of a GraphQL upstream written here (it answers with the
 * query it received, so the test sees exactly what got through).
 */
class GraphQLTest {
    static final Path DOC = Path.of("../docs/graphql.md");
    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXAMPLE = Pattern.compile("```sh\\n(.*?)```\\n```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PAYLOAD = Pattern.compile("-d '(.*)'", Pattern.DOTALL);
    private static final String REGISTERED = "{ me { id } }";

    static ShopServices shop;
    static Vertx vertx;
    static HttpServer upstream;
    static final List<JsonObject> upstreamGot = new CopyOnWriteArrayList<>();
    static GatewayProcess gateway;
    static int port;
    static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        shop = new ShopServices();
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer().requestHandler(r -> r.body().onSuccess(body -> {
            JsonObject got = r.method().name().equals("GET")
                    ? new JsonObject().put("query", r.getParam("query")) : body.toJsonObject();
            upstreamGot.add(got);
            r.response().putHeader("content-type", "application/json")
                    .end(new JsonObject().put("data", new JsonObject().put("received", got.getString("query"))).encode());
        })).listen(0, "127.0.0.1").await();
        port = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-graphql");
        GatewayProcess.write(dir, "shop.yaml", workedExample());
        GatewayProcess.write(dir, "protect.yaml", """
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: upstream-graphql}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %d}]}}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: upstream}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - name: apq
                    matches: [{path: {type: Exact, value: /upstream}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: upstream-graphql}]
                  - name: allow
                    matches: [{path: {type: Exact, value: /allow-list}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: upstream-graphql}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: protect}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: upstream, sectionName: apq}]
                  graphql:
                    limits: {maxDepth: 3, maxComplexity: 20, maxAliases: 2, introspection: false, maxRequestBytes: 2048}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: allow-list}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: upstream, sectionName: allow}]
                  graphql:
                    persistedQueries: {mode: Required, queries: ["%s"]}
                """.formatted(upstream.actualPort(), REGISTERED));
        gateway = GatewayProcess.start(dir);
    }

    /** The document's first YAML block, on this test's ports and on loopback only. */
    private static String workedExample() throws Exception {
        Matcher m = YAML.matcher(Files.readString(DOC));
        assertThat(m.find()).as("a yaml block in " + DOC).isTrue();
        return m.group(1)
                .replace("gatewayClassName: archway\n", "gatewayClassName: archway\n  addresses: [{value: 127.0.0.1}]\n")
                .replace("port: 18080", "port: " + port)
                .replace("port: 18081", "port: " + shop.usersPort())
                .replace("port: 18082", "port: " + shop.ordersPort());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        shop.close();
        vertx.close().await();
    }

    @BeforeEach
    void forget() {
        shop.calls.clear();
        upstreamGot.clear();
    }

    @TestFactory
    Stream<DynamicTest> theDocumentedRequestsGetTheDocumentedAnswers() throws Exception {
        Matcher m = EXAMPLE.matcher(Files.readString(DOC));
        List<DynamicTest> tests = new ArrayList<>();
        while (m.find()) {
            Matcher payload = PAYLOAD.matcher(m.group(1));
            assertThat(payload.find()).as("a -d payload in " + m.group(1)).isTrue();
            String request = payload.group(1);
            Object expected = parse(m.group(2));
            tests.add(DynamicTest.dynamicTest(request, () -> {
                HttpResponse<String> r = post("/graphql", request, "application/json");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                        ct -> assertThat(ct).startsWith("application/json"));
                assertThat(parse(r.body())).as(r.body()).isEqualTo(expected);
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(4);
        return tests.stream();
    }

    @Test
    void ordersGetAllTheirCustomersInOneBatchedCall() throws Exception {
        JsonObject answer = data(post("/graphql", query("{ orders(first: 3) { id customer { name email } } }"),
                "application/json"));
        assertThat(answer.getJsonArray("orders")).hasSize(3);
        assertThat(shop.calls("orders")).extracting(ShopServices.Call::uri).containsExactly("/orders?limit=3");
        // Three orders, two distinct customers: one call, keys de-duplicated.
        assertThat(shop.calls("users")).extracting(ShopServices.Call::uri).containsExactly("/users?ids=1,2");
    }

    @Test
    void theSameCallTwiceInOneRequestIsMadeOnce() throws Exception {
        JsonObject answer = data(post("/graphql", query("{ a: user(id: \"2\") { name } b: user(id: \"2\") { email } }"),
                "application/json"));
        assertThat(answer.getJsonObject("a").getString("name")).isEqualTo("Grace Hopper");
        assertThat(answer.getJsonObject("b").getString("email")).isEqualTo("grace@example.com");
        assertThat(shop.calls("users")).hasSize(1);
    }

    @Test
    void theCallersAuthorizationGoesToTheUsersService() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/graphql"))
                .header("content-type", "application/json").header("authorization", "Bearer abc")
                .POST(HttpRequest.BodyPublishers.ofString(query("{ user(id: \"1\") { name } }"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(data(r).getJsonObject("user").getString("name")).isEqualTo("Ada Lovelace");
        assertThat(shop.calls("users")).extracting(ShopServices.Call::authorization).containsExactly("Bearer abc");
    }

    @Test
    void aQueryCanBeSentWithGet() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/graphql?query="
                + URLEncoder.encode("{ user(id: \"1\") { name } }", StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(data(r).getJsonObject("user").getString("name")).isEqualTo("Ada Lovelace");
    }

    @Test
    void aQueryAgainstTheSchemaThatDoesNotValidateIsRefusedWithoutBackendCalls() throws Exception {
        HttpResponse<String> r = post("/graphql", query("{ user(id: \"1\") { nickname } }"), "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("message"))
                .contains("nickname");
        assertThat(new JsonObject(r.body()).containsKey("data")).isFalse();
        assertThat(shop.calls).isEmpty();
    }

    @Test
    void aMalformedBodyIsA400WithAGraphQLError() throws Exception {
        HttpResponse<String> r = post("/graphql", "{\"query\": ", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("message")).isNotBlank();
    }

    @Test
    void clientsThatAcceptGraphQLResponseJsonGet400ForRefusedQueries() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/graphql"))
                .header("content-type", "application/json").header("accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(query("{ user(id: \"1\") { nickname } }"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/graphql-response+json"));
    }

    @Test
    void eachLimitRefusesItsCaseBeforeTheUpstreamAndPassesAValidQuery() throws Exception {
        assertRefused("{ a { b { c { d } } } }", "MAX_DEPTH_EXCEEDED");
        assertRefused("{ x: a { id } y: a { id } z: a { id } }", "MAX_ALIASES_EXCEEDED");
        assertRefused("{ list(first: 50) { id } }", "MAX_COMPLEXITY_EXCEEDED");
        assertRefused("{ __schema { types { name } } }", "INTROSPECTION_DISABLED");
        HttpResponse<String> tooLarge = post("/upstream", query("{ a " + " ".repeat(3000) + "}"), "application/json");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(tooLarge.body()).getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
                .getString("code")).isEqualTo("REQUEST_TOO_LARGE");
        assertThat(upstreamGot).isEmpty();

        String valid = "{ a { b { __typename } } x: list(first: 5) { id } }";
        JsonObject answer = data(post("/upstream", query(valid), "application/json"));
        assertThat(answer.getString("received")).isEqualTo(valid);
        assertThat(upstreamGot).hasSize(1);
    }

    @Test
    void automaticPersistedQueriesExpandAKnownHashForTheUpstream() throws Exception {
        String q = "{ viewer { id name } }";
        String hash = sha256(q);
        String hashOnly = new JsonObject().put("extensions", apq(hash)).encode();

        JsonObject miss = new JsonObject(post("/upstream", hashOnly, "application/json").body());
        assertThat(miss.getJsonArray("errors").getJsonObject(0).getString("message")).isEqualTo("PersistedQueryNotFound");
        assertThat(upstreamGot).isEmpty();

        String wrongHash = new JsonObject().put("query", q).put("extensions", apq(sha256("{ other }"))).encode();
        assertThat(new JsonObject(post("/upstream", wrongHash, "application/json").body()).getJsonArray("errors")
                .getJsonObject(0).getString("message")).isEqualTo("provided sha does not match query");
        assertThat(upstreamGot).isEmpty();

        String register = new JsonObject().put("query", q).put("extensions", apq(hash)).encode();
        assertThat(data(post("/upstream", register, "application/json")).getString("received")).isEqualTo(q);

        // From now on the hash alone is enough; the upstream still gets the whole query.
        assertThat(data(post("/upstream", hashOnly, "application/json")).getString("received")).isEqualTo(q);
        HttpResponse<String> viaGet = client.send(HttpRequest.newBuilder(uri("/upstream?extensions="
                + URLEncoder.encode(apq(hash).encode(), StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(data(viaGet).getString("received")).isEqualTo(q);
        assertThat(upstreamGot).hasSize(3).allSatisfy(got -> assertThat(got.getString("query")).isEqualTo(q));
    }

    @Test
    void theAllowListRunsOnlyRegisteredQueries() throws Exception {
        assertThat(data(post("/allow-list", query(REGISTERED), "application/json")).getString("received"))
                .isEqualTo(REGISTERED);
        String byHash = new JsonObject().put("extensions", apq(sha256(REGISTERED))).encode();
        assertThat(data(post("/allow-list", byHash, "application/json")).getString("received")).isEqualTo(REGISTERED);

        JsonObject refused = new JsonObject(post("/allow-list", query("{ me { id email } }"), "application/json").body());
        assertThat(refused.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"))
                .isEqualTo("PERSISTED_QUERY_NOT_ALLOWED");
        assertThat(upstreamGot).hasSize(2);
    }

    private static void assertRefused(String q, String code) throws Exception {
        HttpResponse<String> r = post("/upstream", query(q), "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
        assertThat(errors).as(r.body()).isNotNull();
        assertThat(errors.getJsonObject(0).getJsonObject("extensions").getString("code")).as(q).isEqualTo(code);
    }

    private static JsonObject apq(String hash) {
        return new JsonObject().put("persistedQuery", new JsonObject().put("version", 1).put("sha256Hash", hash));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String query(String q) {
        return new JsonObject().put("query", q).encode();
    }

    private static JsonObject data(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getJsonArray("errors")).as(r.body()).isNull();
        return body.getJsonObject("data");
    }

    /** The JSON as maps and lists, numbers as exact decimals: key order and 12 vs 12.0 do not matter. */
    private static Object parse(String json) {
        return normalize(new JsonObject(json).getMap());
    }

    private static Object normalize(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> out = new java.util.TreeMap<>();
            map.forEach((k, v) -> out.put(k, normalize(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(GraphQLTest::normalize).toList();
        }
        if (value instanceof JsonObject o) {
            return normalize(o.getMap());
        }
        if (value instanceof JsonArray a) {
            return normalize(a.getList());
        }
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
        }
        return value;
    }

    private static HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
