package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request matching through a real listener: precedence, hosts, and failures that never fall through. */
class RoutingTest {
    static EchoBackend a;
    static EchoBackend b;
    static EchoBackend c;
    static GatewayProcess gateway;
    static int port;
    static int namedPort;

    @BeforeAll
    static void start() throws Exception {
        a = new EchoBackend("a");
        b = new EchoBackend("b");
        c = new EchoBackend("c");
        port = GatewayProcess.freePort();
        namedPort = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-routing");
        GatewayProcess.write(dir, "config.yaml", Configs.backends(a, b, c) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: default}
                spec:
                  gatewayClassName: archway
                  addresses: [{value: 127.0.0.1}]
                  listeners:
                  - {name: http, port: %d, protocol: HTTP}
                  - {name: named, port: %d, protocol: HTTP, hostname: named.example.com}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: matching, namespace: default}
                spec:
                  parentRefs: [{name: edge, sectionName: http}]
                  rules:
                  - matches: [{path: {type: Exact, value: /exact}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: a}]
                  - matches: [{path: {type: PathPrefix, value: /api}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: b}]
                  - matches: [{path: {type: PathPrefix, value: /api/v2}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: a}]
                  - matches: [{path: {type: PathPrefix, value: /api}, method: POST}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: c}]
                  - matches: [{path: {type: PathPrefix, value: /api}, headers: [{name: X-Version, value: "2"}]}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: a}]
                  - matches: [{path: {type: PathPrefix, value: /q}, queryParams: [{name: debug, value: "1"}]}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: c}]
                  - matches: [{path: {type: PathPrefix, value: /q}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: b}]
                  - matches: [{path: {type: RegularExpression, value: "/items/[0-9]+"}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: c}]
                  - matches: [{path: {type: PathPrefix, value: /broken}}]
                    backendRefs: [{name: no-such-service, port: 80}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: host-specific, namespace: default}
                spec:
                  parentRefs: [{name: edge, sectionName: http}]
                  hostnames: [only.example.com]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /api}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: c}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: named, namespace: default}
                spec:
                  parentRefs: [{name: edge, sectionName: named}]
                  rules: [{backendRefs: [{group: gateway.archway.dev, kind: Backend, name: a}]}]
                """.formatted(port, namedPort));
        gateway = GatewayProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        a.close();
        b.close();
        c.close();
    }

    private static String backendFor(String method, String host, String target, String... headers) throws Exception {
        RawHttp.Response r = RawHttp.request(port, method, host, target, method.equals("POST") ? "x" : "", headers);
        assertThat(r.status()).as("%s %s%s: %s", method, host, target, r.body()).isEqualTo(200);
        return r.header("x-backend");
    }

    @Test
    void exactPathBeatsEveryPrefix() throws Exception {
        assertThat(backendFor("GET", "x.test", "/exact")).isEqualTo("a");
        assertThat(RawHttp.get(port, "x.test", "/exact/more").status()).isEqualTo(404);
    }

    @Test
    void longerPrefixWinsAndPrefixesMatchWholeSegments() throws Exception {
        assertThat(backendFor("GET", "x.test", "/api/v2/users")).isEqualTo("a");
        assertThat(backendFor("GET", "x.test", "/api/v22")).isEqualTo("b");
        assertThat(backendFor("GET", "x.test", "/api")).isEqualTo("b");
        assertThat(RawHttp.get(port, "x.test", "/apiary").status()).isEqualTo(404);
    }

    @Test
    void methodMatchBeatsHeaderMatchAndHeaderMatchBeatsPlainPrefix() throws Exception {
        assertThat(backendFor("POST", "x.test", "/api/x", "X-Version: 2")).isEqualTo("c");
        assertThat(backendFor("GET", "x.test", "/api/x", "x-version: 2")).isEqualTo("a");
        assertThat(backendFor("GET", "x.test", "/api/x", "X-Version: 3")).isEqualTo("b");
    }

    @Test
    void queryParamMatchSelectsItsRule() throws Exception {
        assertThat(backendFor("GET", "x.test", "/q?debug=1")).isEqualTo("c");
        assertThat(backendFor("GET", "x.test", "/q?debug=2")).isEqualTo("b");
    }

    @Test
    void regularExpressionMatchesTheWholePath() throws Exception {
        assertThat(backendFor("GET", "x.test", "/items/42")).isEqualTo("c");
        assertThat(RawHttp.get(port, "x.test", "/items/42x").status()).isEqualTo(404);
    }

    @Test
    void routeForAnExactHostnameWinsAndOthersStillServeTheRest() throws Exception {
        assertThat(backendFor("GET", "only.example.com", "/api/x")).isEqualTo("c");
        assertThat(backendFor("GET", "only.example.com:1234", "/exact")).isEqualTo("a");
    }

    @Test
    void unresolvedBackendAnswers500AndNeverFallsThroughToAShorterPrefix() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "x.test", "/broken/thing");
        assertThat(r.status()).isEqualTo(500);
    }

    @Test
    void encodedDotSegmentsAreResolvedBeforeRoutingAndHiddenOnesRefused() throws Exception {
        assertThat(backendFor("GET", "x.test", "/api/%2e%2e/exact")).isEqualTo("a");
        assertThat(a.received.get(a.received.size() - 1).path()).isEqualTo("/exact");
        assertThat(RawHttp.get(port, "x.test", "/api/..%2fexact").status()).isEqualTo(400);
        assertThat(RawHttp.get(port, "x.test", "/api/..;/exact").status()).isEqualTo(400);
    }

    @Test
    void unknownHostOnAHostnameListenerIs404() throws Exception {
        assertThat(RawHttp.get(namedPort, "named.example.com", "/").status()).isEqualTo(200);
        assertThat(RawHttp.get(namedPort, "other.example.com", "/").status()).isEqualTo(404);
    }

    @Test
    void requestCarriesForwardingHeadersAndKeepsHost() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "keep.example.com", "/exact", "Connection: close, X-Drop", "X-Drop: yes",
                "X-Forwarded-Host: evil.example");
        assertThat(r.status()).isEqualTo(200);
        EchoBackend.Received got = a.received.get(a.received.size() - 1);
        assertThat(got.headers().get("host")).isEqualTo("keep.example.com");
        assertThat(got.headers().get("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(got.headers().get("x-forwarded-proto")).isEqualTo("http");
        assertThat(got.headers()).doesNotContainKey("x-drop");
        assertThat(got.headers().get("x-forwarded-host")).isEqualTo("keep.example.com");
    }
}
