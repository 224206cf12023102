package dev.archway.extauth.server;

import static dev.archway.extauth.server.AuthClient.request;
import static dev.archway.extauth.server.AuthClient.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over real gRPC and HTTP on loopback. */
class ExtAuthServerTest {
    private static final String ALICE_KEY = "alice-secret-key";
    private static final String CONFIG = """
            kind: ExtAuthServerConfig
            spec:
              listen: {grpc: "127.0.0.1:0", http: "127.0.0.1:0"}
              admin: "127.0.0.1:0"
              defaultConfig: api-keys
              configs:
              - name: api-keys
                apiKey:
                  headerName: x-api-key
                  keys: [{name: alice, sha256: "%s", metadata: {user: alice, plan: gold}}]
                  headersFromMetadata: {x-api-user: user, x-api-team: team}
              - name: basic
                basic: {htpasswdFile: htpasswd, realm: orders}
              - name: either
                anyOf: [api-keys, basic]
            """.formatted(sha256(ALICE_KEY));

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final AuthClient client = new AuthClient(vertx);
    private ExtAuthServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Path start(String config) throws Exception {
        // Cost 4: the lowest bcrypt allows, so the suite stays fast.
        Files.writeString(dir.resolve("htpasswd"), "# users\nbob:"
                + new String(BCrypt.withDefaults().hashToChar(4, "bob-password".toCharArray())) + "\n");
        Path file = Files.writeString(dir.resolve("extauth.yaml"), config);
        server = ExtAuthServer.start(vertx, file, Duration.ofMillis(50))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return file;
    }

    private AuthClient.Answer call(CheckRequest request) {
        return client.call(server.grpcPort(), request);
    }

    private static Map<String, String> headers(Iterable<HeaderValueOption> options) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        options.forEach(o -> headers.merge(o.getHeader().getKey(), o.getHeader().getValue(), (a, b) -> a + " | " + b));
        return headers;
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void allowsKnownApiKeyWithMetadataHeadersAndRemovesTheKeyAndUnsetIdentityHeaders() throws Exception {
        start(CONFIG);
        CheckResponse ok = call(request(null, Map.of("x-api-key", ALICE_KEY, "x-api-user", "mallory"))).ok();
        assertThat(ok.getStatus().getCode()).isZero();
        assertThat(headers(ok.getOkResponse().getHeadersList())).containsExactly(Map.entry("x-api-user", "alice"));
        assertThat(ok.getOkResponse().getHeaders(0).getAppendAction())
                .isEqualTo(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD);
        assertThat(ok.getOkResponse().getHeadersToRemoveList()).containsExactlyInAnyOrder("x-api-key", "x-api-team");
    }

    @Test
    void deniesUnknownApiKeyWith401AndJsonBody() throws Exception {
        start(CONFIG);
        CheckResponse denied = call(request("api-keys", Map.of("x-api-key", "guess"))).ok();
        assertThat(denied.getStatus().getCode()).isEqualTo(GrpcStatus.UNAUTHENTICATED.code);
        assertThat(denied.getDeniedResponse().getStatus().getCodeValue()).isEqualTo(401);
        assertThat(denied.getDeniedResponse().getBody()).isEqualTo("{\"error\":\"invalid_api_key\"}");
        assertThat(denied.hasOkResponse()).isFalse();

        CheckResponse missing = call(request("api-keys", Map.of())).ok();
        assertThat(missing.getDeniedResponse().getBody()).isEqualTo("{\"error\":\"missing_credentials\"}");
    }

    @Test
    void answersInvalidArgumentForUnknownConfigOrMissingHttpRequest() throws Exception {
        start(CONFIG);
        AuthClient.Answer unknown = call(request("nope", Map.of("x-api-key", ALICE_KEY)));
        assertThat(unknown.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(unknown.message()).contains("\"nope\"", "api-keys");

        AuthClient.Answer empty = call(CheckRequest.getDefaultInstance());
        assertThat(empty.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(empty.message()).contains("attributes.request.http");
    }

    @Test
    void checksBasicCredentialsWithBcryptAndChallengesWithTheRealm() throws Exception {
        start(CONFIG);
        CheckResponse ok = call(request("basic", Map.of("authorization", basic("bob:bob-password")))).ok();
        assertThat(ok.getStatus().getCode()).isZero();
        assertThat(ok.getOkResponse().getHeadersToRemoveList()).containsExactly("authorization");
        // Cached: the second check of the same header needs no bcrypt, and still allows.
        assertThat(call(request("basic", Map.of("authorization", basic("bob:bob-password")))).ok().getStatus().getCode())
                .isZero();

        for (String authorization : new String[] {basic("bob:wrong"), basic("nobody:x"), "Basic !!not-base64!!",
                basic("no-colon"), basic(":empty-user")}) {
            CheckResponse denied = call(request("basic", Map.of("authorization", authorization))).ok();
            assertThat(denied.getStatus().getCode()).as(authorization).isEqualTo(GrpcStatus.UNAUTHENTICATED.code);
            assertThat(denied.getDeniedResponse().getBody()).isEqualTo("{\"error\":\"invalid_credentials\"}");
            assertThat(headers(denied.getDeniedResponse().getHeadersList()))
                    .containsEntry("www-authenticate", "Basic realm=\"orders\"");
        }
    }

    @Test
    void anyOfAllowsByEitherMemberAndRemovesEveryMembersCredentials() throws Exception {
        start(CONFIG);
        CheckResponse byBasic = call(request("either", Map.of("authorization", basic("bob:bob-password")))).ok();
        assertThat(byBasic.getStatus().getCode()).isZero();
        assertThat(byBasic.getOkResponse().getHeadersToRemoveList())
                .contains("authorization", "x-api-key", "x-api-user", "x-api-team");

        CheckResponse byKey = call(request("either", Map.of("x-api-key", ALICE_KEY))).ok();
        assertThat(headers(byKey.getOkResponse().getHeadersList())).containsEntry("x-api-user", "alice");

        // Nothing presented: the denial names what is missing and offers the basic challenge.
        CheckResponse neither = call(request("either", Map.of())).ok();
        assertThat(neither.getDeniedResponse().getBody()).isEqualTo("{\"error\":\"missing_credentials\"}");
        assertThat(headers(neither.getDeniedResponse().getHeadersList())).containsKey("www-authenticate");
        // A wrong key is reported as such, not as missing basic credentials.
        CheckResponse wrongKey = call(request("either", Map.of("x-api-key", "guess"))).ok();
        assertThat(wrongKey.getDeniedResponse().getBody()).isEqualTo("{\"error\":\"invalid_api_key\"}");
    }

    @Test
    void httpModeAnswers200WithUpstreamHeadersOr401WithChallenge() throws Exception {
        start(CONFIG);
        HttpResponse<String> ok = AuthClient.http(server.httpPort(), "/check/orders/1", Map.of("x-api-key", ALICE_KEY));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-api-user")).hasValue("alice");

        HttpResponse<String> denied = AuthClient.http(server.httpPort(), "/check/orders/1",
                Map.of("x-archway-context-config", "basic", "authorization", basic("bob:wrong")));
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.headers().firstValue("www-authenticate")).hasValue("Basic realm=\"orders\"");
        assertThat(denied.body()).isEqualTo("{\"error\":\"invalid_credentials\"}");

        HttpResponse<String> unknown = AuthClient.http(server.httpPort(), "/x", Map.of("x-archway-context-config", "nope"));
        assertThat(unknown.statusCode()).isEqualTo(500);
    }

    @Test
    void reloadsChangedConfigAndKeepsTheLastGoodOneOnABadEdit() throws Exception {
        Path file = start(CONFIG);
        String bobKey = "bob-key";
        AuthClient.replace(file, CONFIG.replace("keys: [", "keys: [{name: bob, sha256: \"" + sha256(bobKey) + "\"}, "));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                call(request(null, Map.of("x-api-key", bobKey))).ok().getStatus().getCode() == 0);

        AuthClient.replace(file, CONFIG.replace("headerName: x-api-key", "headerName: x-api-key\n      bogus: 1"));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                AuthClient.http(server.adminPort(), "/metrics", Map.of()).body()
                        .contains("archway_extauth_config_reloads_total{result=\"failure\"} 1.0"));
        assertThat(call(request(null, Map.of("x-api-key", bobKey))).ok().getStatus().getCode()).isZero();

        // The htpasswd file is watched too: a removed user is refused after the reload.
        assertThat(call(request("basic", Map.of("authorization", basic("bob:bob-password")))).ok().getStatus().getCode())
                .isZero();
        AuthClient.replace(file, CONFIG);
        AuthClient.replace(dir.resolve("htpasswd"), "carol:" + new String(BCrypt.withDefaults().hashToChar(4, "c".toCharArray())));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                call(request("basic", Map.of("authorization", basic("bob:bob-password")))).ok().getStatus().getCode() != 0);
    }

    @Test
    void countsDecisionsErrorsAndServesHealthOnTheAdminEndpoint() throws Exception {
        start(CONFIG);
        call(request(null, Map.of("x-api-key", ALICE_KEY)));
        call(request(null, Map.of("x-api-key", "guess")));
        call(request("nope", Map.of()));
        String metrics = AuthClient.http(server.adminPort(), "/metrics", Map.of()).body();
        String ours = metrics.lines().filter(l -> l.startsWith("archway_extauth")).collect(Collectors.joining("\n"));
        assertThat(ours).contains(
                "archway_extauth_decisions_total{config=\"api-keys\",decision=\"allowed\",reason=\"api_key\"} 1.0",
                "archway_extauth_decisions_total{config=\"api-keys\",decision=\"denied\",reason=\"invalid_api_key\"} 1.0",
                "archway_extauth_errors_total{reason=\"unknown_config\"} 1.0");
        assertThat(AuthClient.http(server.adminPort(), "/healthz", Map.of()).statusCode()).isEqualTo(200);
        assertThat(AuthClient.http(server.adminPort(), "/ready", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesToStartWithEveryProblemOfTheFile() {
        assertThatThrownBy(() -> start(CONFIG.replace("defaultConfig: api-keys", "defaultConfig: missing")
                .replace("anyOf: [api-keys, basic]", "anyOf: [api-keys, ghost]")))
                .isInstanceOf(ExecutionException.class)
                .cause().hasMessageContaining("spec.defaultConfig: \"missing\"")
                .hasMessageContaining("spec.configs[2].anyOf[1]: \"ghost\"");
    }
}
