package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spans exported over OTLP ({@code --otlp-endpoint}) to a collector endpoint on loopback: a
 * server span continuing the caller's trace, a client span per try whose id is the parent the
 * backend sees, a span for a filter that waited (HTTP ext auth), and traces the gateway starts.
 */
class TracingTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";
    static final int SERVER = 2;
    static final int CLIENT = 3;
    static final int INTERNAL = 1;
    static Vertx vertx;
    static HttpServer auth;
    static EchoBackend backend;
    static OtlpReceiver collector;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        auth = vertx.createHttpServer().requestHandler(r -> vertx.setTimer(20, id -> r.response().end()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        backend = new EchoBackend("app");
        collector = new OtlpReceiver();
        port = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-tracing");
        GatewayProcess.write(dir, "gateway.yaml", Configs.backends(backend) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: auth, namespace: default}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %d}]}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: GatewayExtension
                metadata: {name: http-auth, namespace: default}
                spec:
                  extAuth:
                    httpService: {backendRef: {group: gateway.archway.dev, kind: Backend, name: auth}}
                    timeout: 3s
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - name: open
                    matches: [{path: {value: /open}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
                  - name: authed
                    matches: [{path: {value: /authed}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: checked, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: shop, sectionName: authed}]
                  extAuth: {extensionRef: {name: http-auth}}
                """.formatted(auth.actualPort()));
        // No path on the endpoint: the gateway posts to /v1/traces, as OTLP clients do.
        gateway = GatewayProcess.start(dir, "--otlp-endpoint", "http://127.0.0.1:" + collector.port(),
                "--trace-service-name", "edge-e2e");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
        collector.close();
        vertx.close();
    }

    private static List<OtlpReceiver.Span> spansOf(String traceId, int atLeast) {
        await().atMost(Duration.ofSeconds(15)).until(() -> collector.trace(traceId).size() >= atLeast);
        return collector.trace(traceId);
    }

    private static OtlpReceiver.Span only(List<OtlpReceiver.Span> spans, int kind) {
        List<OtlpReceiver.Span> ofKind = spans.stream().filter(s -> s.kind() == kind).toList();
        assertThat(ofKind).hasSize(1);
        return ofKind.get(0);
    }

    private static String lastTraceparent() {
        return backend.received.get(backend.received.size() - 1).headers().get("traceparent");
    }

    @Test
    void continuesTheCallersTraceWithAServerSpanAndAClientSpanTheBackendHangsUnder() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/open/1", "traceparent: 00-" + TRACE + "-" + PARENT + "-01").status())
                .isEqualTo(200);
        String forwarded = lastTraceparent();

        List<OtlpReceiver.Span> spans = spansOf(TRACE, 2);
        OtlpReceiver.Span server = only(spans, SERVER);
        OtlpReceiver.Span client = only(spans, CLIENT);
        assertThat(server.parentSpanId()).isEqualTo(PARENT);
        assertThat(server.name()).isEqualTo("GET httproute/default/shop/rule/0/match/0");
        assertThat(server.attributes()).containsEntry("http.request.method", "GET")
                .containsEntry("url.path", "/open/1")
                .containsEntry("http.response.status_code", 200L)
                .containsEntry("archway.route", "httproute/default/shop/rule/0/match/0")
                .containsEntry("archway.outcome", "upstream");
        assertThat(server.serviceName()).isEqualTo("edge-e2e");
        assertThat(client.parentSpanId()).isEqualTo(server.spanId());
        assertThat(client.attributes()).containsEntry("http.response.status_code", 200L)
                .containsEntry("network.peer.address", "127.0.0.1:" + backend.port());
        // The backend's span will hang under the gateway's client span, in the caller's trace.
        assertThat(forwarded).isEqualTo("00-" + TRACE + "-" + client.spanId() + "-01");
        assertThat(collector.contentTypes).contains("application/x-protobuf");
    }

    @Test
    void startsATraceForARequestThatCarriesNone() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/open/new").status()).isEqualTo(200);
        String forwarded = lastTraceparent();
        assertThat(forwarded).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        // Sampled (bit 0), and the trace id is random (bit 1, W3C trace context level 2).
        assertThat(Integer.parseInt(forwarded.substring(53), 16) & 0x03).isEqualTo(0x03);
        String traceId = forwarded.substring(3, 35);

        List<OtlpReceiver.Span> spans = spansOf(traceId, 2);
        assertThat(only(spans, SERVER).parentSpanId()).isEmpty();
        assertThat(only(spans, CLIENT).spanId()).isEqualTo(forwarded.substring(36, 52));
    }

    @Test
    void recordsASpanForTheTimeAFilterMadeTheRequestWait() throws Exception {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        assertThat(RawHttp.get(port, "x.test", "/authed", "traceparent: 00-" + trace + "-" + PARENT + "-01").status())
                .isEqualTo(200);

        List<OtlpReceiver.Span> spans = spansOf(trace, 3);
        OtlpReceiver.Span server = only(spans, SERVER);
        OtlpReceiver.Span wait = only(spans, INTERNAL);
        assertThat(wait.parentSpanId()).isEqualTo(server.spanId());
        assertThat(wait.name()).startsWith("filter trafficpolicy/default/checked/");
        assertThat((String) wait.attributes().get("archway.filter")).startsWith("trafficpolicy/default/checked/");
    }

    @Test
    void followsTheCallersDecisionNotToSample() throws Exception {
        String trace = "11111111111111111111111111111111";
        assertThat(RawHttp.get(port, "x.test", "/open/unsampled", "traceparent: 00-" + trace + "-" + PARENT + "-00")
                .status()).isEqualTo(200);
        String forwarded = lastTraceparent();
        // Still continued (the backend may record its own part), but nothing of it is exported.
        assertThat(forwarded).startsWith("00-" + trace + "-").endsWith("-00");
        assertThat(RawHttp.get(port, "x.test", "/open/after", "traceparent: 00-" + TRACE.replace('4', '5') + "-"
                + PARENT + "-01").status()).isEqualTo(200);
        spansOf(TRACE.replace('4', '5'), 2);
        assertThat(collector.trace(trace)).isEmpty();
    }
}
