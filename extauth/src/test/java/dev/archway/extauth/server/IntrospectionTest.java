package dev.archway.extauth.server;

import static dev.archway.extauth.server.AuthClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Introspection against a loopback identity provider. */
class IntrospectionTest {
    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final AuthClient client = new AuthClient(vertx);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer idp;
    private ExtAuthServer server;

    @BeforeEach
    void idp() throws Exception {
        idp = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            calls.add(request.getHeader("authorization") + " " + body);
            String token = body.toString().replaceAll("^token=([^&]*).*$", "$1");
            JsonObject answer = switch (token) {
                case "good" -> new JsonObject().put("active", true).put("sub", "alice").put("scope", "orders:read")
                        .put("exp", System.currentTimeMillis() / 1000 + 3600);
                case "expiring" -> new JsonObject().put("active", true).put("sub", "bob")
                        .put("exp", System.currentTimeMillis() / 1000 + 1);
                case "boom" -> null;
                default -> new JsonObject().put("active", false);
            };
            if (answer == null) {
                request.response().setStatusCode(500).end();
            } else {
                request.response().putHeader("content-type", "application/json").end(answer.encode());
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Files.writeString(dir.resolve("secret"), "s3cret\n");
        Path file = Files.writeString(dir.resolve("extauth.yaml"), """
                kind: ExtAuthServerConfig
                spec:
                  listen: {grpc: "127.0.0.1:0"}
                  defaultConfig: introspect
                  configs:
                  - name: introspect
                    introspection:
                      url: "http://127.0.0.1:%d/introspect"
                      clientId: gw
                      clientSecretFile: secret
                      cacheDuration: 1m
                      headersFromClaims: {x-user: sub, x-scope: scope}
                """.formatted(idp.actualPort()));
        server = ExtAuthServer.start(vertx, file, Duration.ofSeconds(1))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private AuthClient.Answer check(String token) {
        return client.call(server.grpcPort(), request(null, Map.of("authorization", "Bearer " + token)));
    }

    @Test
    void allowsActiveTokenWithClaimHeadersAuthenticatingAsTheClientAndCachesTheAnswer() {
        CheckResponse ok = check("good").ok();
        assertThat(ok.getStatus().getCode()).isZero();
        assertThat(ok.getOkResponse().getHeadersList()).extracting(h -> h.getHeader().getKey() + "=" + h.getHeader().getValue())
                .containsExactly("x-user=alice", "x-scope=orders:read");
        assertThat(ok.getOkResponse().getHeadersToRemoveList()).containsExactly("authorization");
        String clientAuth = "Basic " + Base64.getEncoder().encodeToString("gw:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(calls).containsExactly(clientAuth + " token=good&token_type_hint=access_token");

        check("good");
        assertThat(calls).hasSize(1);
    }

    @Test
    void deniesInactiveTokenAndFailsUnavailableWhenTheIdentityProviderFails() {
        CheckResponse denied = check("revoked").ok();
        assertThat(denied.getStatus().getCode()).isEqualTo(GrpcStatus.UNAUTHENTICATED.code);
        assertThat(denied.getDeniedResponse().getBody()).isEqualTo("{\"error\":\"invalid_token\"}");

        AuthClient.Answer failed = check("boom");
        assertThat(failed.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    }

    @Test
    void doesNotCacheAnActiveAnswerBeyondTheTokensExpiry() throws Exception {
        check("expiring").ok();
        Thread.sleep(1100);
        check("expiring");
        assertThat(calls).hasSize(2);
    }
}
