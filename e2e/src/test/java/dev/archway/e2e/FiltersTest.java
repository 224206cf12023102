package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gateway API route filters and weights, end to end through a real listener and real backends. */
class FiltersTest {
    static EchoBackend a;
    static EchoBackend b;
    static EchoBackend mirror;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        a = new EchoBackend("a");
        b = new EchoBackend("b");
        mirror = new EchoBackend("mirror");
        port = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-filters");
        GatewayProcess.write(dir, "config.yaml", Configs.backends(a, b, mirror) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: DirectResponse
                metadata: {name: teapot, namespace: default}
                spec: {status: 418, body: "short and stout", headers: [{name: x-kettle, value: "on"}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: filters, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - matches: [{path: {value: /headers}}]
                    filters:
                    - type: RequestHeaderModifier
                      requestHeaderModifier:
                        set: [{name: X-Set, value: set}]
                        add: [{name: X-Add, value: added}]
                        remove: [X-Remove]
                    - type: ResponseHeaderModifier
                      responseHeaderModifier: {add: [{name: X-Served-By, value: archway}], remove: [x-backend]}
                    backendRefs:
                    - group: gateway.archway.dev
                      kind: Backend
                      name: a
                      filters:
                      - type: RequestHeaderModifier
                        requestHeaderModifier: {set: [{name: X-Chosen-Backend, value: a}]}
                  - matches: [{path: {value: /old}}]
                    filters:
                    - type: RequestRedirect
                      requestRedirect: {scheme: https, hostname: example.org, statusCode: 301, path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}
                  - matches: [{path: {value: /svc}}]
                    filters:
                    - type: URLRewrite
                      urlRewrite: {hostname: internal.example, path: {type: ReplacePrefixMatch, replacePrefixMatch: /v1}}
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: a}]
                  - matches: [{path: {value: /weighted}}]
                    backendRefs:
                    - {group: gateway.archway.dev, kind: Backend, name: a, weight: 1}
                    - {group: gateway.archway.dev, kind: Backend, name: b, weight: 0}
                  - matches: [{path: {value: /mirrored}}]
                    filters:
                    - type: RequestMirror
                      requestMirror: {backendRef: {group: gateway.archway.dev, kind: Backend, name: mirror}}
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: b}]
                  - matches: [{path: {value: /teapot}}]
                    filters:
                    - type: ExtensionRef
                      extensionRef: {group: gateway.archway.dev, kind: DirectResponse, name: teapot}
                  - matches: [{path: {value: /nobackend}}]
                  - matches: [{path: {value: /retried}}]
                    retry: {codes: [500], attempts: 2, backoff: 10ms}
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: a}]
                """);
        gateway = GatewayProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        a.close();
        b.close();
        mirror.close();
    }

    @Test
    void headerModifiersChangeRequestAndResponseIncludingBackendLevelOnes() throws Exception {
        // Naming X-Set in Connection must not let the client delete the header the filter sets.
        RawHttp.Response r = RawHttp.get(port, "x.test", "/headers", "X-Set: client", "X-Add: client", "X-Remove: gone",
                "Connection: X-Set");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-served-by")).isEqualTo("archway");
        assertThat(r.header("x-backend")).isNull();
        EchoBackend.Received got = a.received.get(a.received.size() - 1);
        assertThat(got.headers().get("x-set")).isEqualTo("set");
        assertThat(got.headers().get("x-add")).isEqualTo("client,added");
        assertThat(got.headers()).doesNotContainKey("x-remove");
        assertThat(got.headers().get("x-chosen-backend")).isEqualTo("a");
    }

    @Test
    void redirectBuildsLocationFromSchemeHostAndReplacedPrefix() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "x.test", "/old/page?q=1");
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.header("location")).isEqualTo("https://example.org/new/page?q=1");
    }

    @Test
    void urlRewriteChangesPathPrefixAndHostBeforeTheBackend() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "x.test", "/svc/items?x=1");
        assertThat(r.status()).isEqualTo(200);
        EchoBackend.Received got = a.received.get(a.received.size() - 1);
        assertThat(got.path()).isEqualTo("/v1/items");
        assertThat(got.query()).isEqualTo("x=1");
        assertThat(got.headers().get("host")).isEqualTo("internal.example");
    }

    @Test
    void weightZeroBackendNeverReceivesTraffic() throws Exception {
        int before = b.received.size();
        for (int i = 0; i < 30; i++) {
            assertThat(RawHttp.get(port, "x.test", "/weighted").header("x-backend")).isEqualTo("a");
        }
        assertThat(b.received.stream().skip(before).filter(x -> x.path().equals("/weighted")).count()).isZero();
    }

    @Test
    void mirrorGetsACopyAndTheClientGetsTheMainBackendsAnswer() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "x.test", "/mirrored?id=m1");
        assertThat(r.header("x-backend")).isEqualTo("b");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(mirror.received).anyMatch(x -> x.path().equals("/mirrored") && "id=m1".equals(x.query())));
    }

    @Test
    void directResponseAnswersFromTheGateway() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "x.test", "/teapot");
        assertThat(r.status()).isEqualTo(418);
        assertThat(r.body()).isEqualTo("short and stout");
        assertThat(r.header("x-kettle")).isEqualTo("on");
    }

    @Test
    void retryPolicyTriesAgainOnListedStatusUpToItsAttempts() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/retried?status=500&failFirst=2&key=ok").status()).isEqualTo(200);
        assertThat(a.received.stream().filter(r -> r.query() != null && r.query().endsWith("key=ok")).count()).isEqualTo(3);
        assertThat(RawHttp.get(port, "x.test", "/retried?status=500&failFirst=3&key=exhausted").status()).isEqualTo(500);
        assertThat(RawHttp.get(port, "x.test", "/retried?status=503&failFirst=1&key=unlisted").status()).isEqualTo(503);
        assertThat(a.received.stream().filter(r -> r.query() != null && r.query().endsWith("key=unlisted")).count()).isEqualTo(1);
    }

    @Test
    void ruleWithoutBackendAnswers500() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/nobackend").status()).isEqualTo(500);
    }
}
