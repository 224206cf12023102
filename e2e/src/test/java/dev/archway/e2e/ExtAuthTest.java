package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * External auth through a real listener, against auth services written here from the protocol
 * alone (not Archway's own server): an Envoy ext_authz v3 Check service over gRPC, a silent one for
 * timeouts, and a plain HTTP auth service.
 */
class ExtAuthTest {
    private static final ServiceMethod<CheckRequest, CheckResponse> CHECK = ServiceMethod.server(
            ServiceName.create("envoy.service.auth.v3.Authorization"), "Check",
            GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(CheckRequest.newBuilder()));

    static final List<CheckRequest> checks = new CopyOnWriteArrayList<>();
    static Vertx vertx;
    static HttpServer checkService;
    static HttpServer silentService;
    static HttpServer httpService;
    static EchoBackend backend;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        GrpcServer grpc = GrpcServer.server(vertx);
        grpc.callHandler(CHECK, call -> call.handler(request -> {
            checks.add(request);
            call.response().end(decide(request));
        }));
        checkService = vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1").await();
        GrpcServer silent = GrpcServer.server(vertx);
        silent.callHandler(CHECK, call -> call.handler(request -> { /* never answers */ }));
        silentService = vertx.createHttpServer().requestHandler(silent).listen(0, "127.0.0.1").await();
        httpService = vertx.createHttpServer().requestHandler(r -> {
            if ("Basic YWxpY2U6b3Blbg==".equals(r.getHeader("authorization"))) {
                r.response().putHeader("x-user", "alice").end();
            } else {
                r.response().setStatusCode(401).putHeader("www-authenticate", "Basic realm=\"e2e\"")
                        .end("path " + r.path() + " needs a user");
            }
        }).listen(0, "127.0.0.1").await();

        backend = new EchoBackend("api");
        port = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-extauth");
        GatewayProcess.write(dir, "config.yaml", Configs.backends(backend) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: check, namespace: default}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %d}]}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: silent, namespace: default}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %d}]}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: http-auth, namespace: default}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %d}]}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: GatewayExtension
                metadata: {name: grpc-auth, namespace: default}
                spec:
                  extAuth:
                    grpcService: {backendRef: {group: gateway.archway.dev, kind: Backend, name: check}}
                    timeout: 3s
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: GatewayExtension
                metadata: {name: silent-closed, namespace: default}
                spec:
                  extAuth:
                    grpcService: {backendRef: {group: gateway.archway.dev, kind: Backend, name: silent}}
                    timeout: 300ms
                    statusOnError: 503
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: GatewayExtension
                metadata: {name: silent-open, namespace: default}
                spec:
                  extAuth:
                    grpcService: {backendRef: {group: gateway.archway.dev, kind: Backend, name: silent}}
                    timeout: 300ms
                    failOpen: true
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: GatewayExtension
                metadata: {name: http-auth, namespace: default}
                spec:
                  extAuth:
                    httpService:
                      backendRef: {group: gateway.archway.dev, kind: Backend, name: http-auth}
                      pathPrefix: /auth
                      headersToUpstream: [x-user]
                    timeout: 3s
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: api, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - {name: orders, matches: [{path: {value: /orders}}], backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]}
                  - {name: health, matches: [{path: {value: /health}}], backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]}
                  - {name: closed, matches: [{path: {value: /closed}}], backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]}
                  - {name: open, matches: [{path: {value: /open}}], backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]}
                  - {name: basic, matches: [{path: {value: /basic}}], backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: everything, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: edge}]
                  extAuth:
                    extensionRef: {name: grpc-auth}
                    contextExtensions: {team: e2e}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: health-open, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: health}]
                  extAuth: {disable: true}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: closed, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: closed}]
                  extAuth: {extensionRef: {name: silent-closed}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: open, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: open}]
                  extAuth: {extensionRef: {name: silent-open}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: basic, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: basic}]
                  extAuth: {extensionRef: {name: http-auth}}
                """.formatted(checkService.actualPort(), silentService.actualPort(), httpService.actualPort()));
        gateway = GatewayProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
        vertx.close().await();
    }

    /** Key "good" is alice; anything else is refused with 401 and a JSON body. */
    private static CheckResponse decide(CheckRequest request) {
        String key = request.getAttributes().getRequest().getHttp().getHeadersMap().get("x-api-key");
        if ("good".equals(key)) {
            return CheckResponse.newBuilder().setStatus(Status.newBuilder().setCode(0))
                    .setOkResponse(OkHttpResponse.newBuilder()
                            .addHeaders(HeaderValueOption.newBuilder().setHeader(HeaderValue.newBuilder().setKey("x-user").setValue("alice")))
                            .addHeadersToRemove("x-api-key"))
                    .build();
        }
        return CheckResponse.newBuilder().setStatus(Status.newBuilder().setCode(16))
                .setDeniedResponse(DeniedHttpResponse.newBuilder()
                        .setStatus(HttpStatus.newBuilder().setCode(StatusCode.Unauthorized))
                        .addHeaders(HeaderValueOption.newBuilder().setHeader(HeaderValue.newBuilder().setKey("www-authenticate").setValue("ApiKey")))
                        .setBody("{\"error\":\"invalid_api_key\"}"))
                .build();
    }

    @Test
    void anAllowedRequestReachesTheUpstreamWithTheServicesHeaderEdits() throws Exception {
        int before = backend.received.size();
        RawHttp.Response r = RawHttp.get(port, "x.test", "/orders?id=7", "X-Api-Key: good", "X-User: forged");

        assertThat(r.status()).isEqualTo(200);
        EchoBackend.Received got = backend.received.get(before);
        assertThat(got.headers()).containsEntry("x-user", "alice").doesNotContainKey("x-api-key");
        CheckRequest sent = checks.get(checks.size() - 1);
        assertThat(sent.getAttributes().getRequest().getHttp().getPath()).isEqualTo("/orders?id=7");
        assertThat(sent.getAttributes().getContextExtensionsMap()).containsEntry("team", "e2e");
    }

    @Test
    void aDeniedRequestGetsTheServicesAnswerAndNeverReachesTheUpstream() throws Exception {
        int before = backend.received.size();
        RawHttp.Response r = RawHttp.get(port, "x.test", "/orders", "X-Api-Key: bad");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("www-authenticate")).isEqualTo("ApiKey");
        assertThat(r.body()).isEqualTo("{\"error\":\"invalid_api_key\"}");
        assertThat(backend.received).hasSize(before);
    }

    @Test
    void aRouteThatDisablesItIsNotChecked() throws Exception {
        int checksBefore = checks.size();
        assertThat(RawHttp.get(port, "x.test", "/health").status()).isEqualTo(200);
        assertThat(checks).hasSize(checksBefore);
    }

    @Test
    void aSilentServiceGivesStatusOnErrorOrPassesWhenFailOpen() throws Exception {
        RawHttp.Response closed = RawHttp.get(port, "x.test", "/closed");
        assertThat(closed.status()).isEqualTo(503);
        assertThat(closed.body()).isEqualTo("authorization check failed\n");
        assertThat(RawHttp.get(port, "x.test", "/open").status()).isEqualTo(200);
    }

    @Test
    void theHttpModePassesTheServicesHeadersOnOrItsDenialBack() throws Exception {
        int before = backend.received.size();
        assertThat(RawHttp.get(port, "x.test", "/basic", "Authorization: Basic YWxpY2U6b3Blbg==").status()).isEqualTo(200);
        assertThat(backend.received.get(before).headers()).containsEntry("x-user", "alice");

        RawHttp.Response denied = RawHttp.get(port, "x.test", "/basic/x", "Authorization: Basic bm9ib2R5Og==");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.header("www-authenticate")).isEqualTo("Basic realm=\"e2e\"");
        assertThat(denied.body()).isEqualTo("path /auth/basic/x needs a user");
    }
}
