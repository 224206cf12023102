package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway with Archway's own ext-auth server, both as processes: API keys, bcrypt basic auth,
 * token introspection against an IdP on loopback, anyOf and allOf chains over gRPC, and the
 * server's HTTP mode.
 */
class ExtAuthServerTest {
    static EchoBackend backend;
    static Vertx vertx;
    static HttpServer idp;
    static SideServiceProcess authServer;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("archway-extauth-server");
        // An RFC 7662 introspection endpoint: token "live-token" is active for user carol.
        vertx = Vertx.vertx();
        idp = vertx.createHttpServer().requestHandler(r -> r.body().onSuccess(body -> {
            boolean client = ("Basic " + Base64.getEncoder().encodeToString("gateway:s3cret".getBytes(StandardCharsets.UTF_8)))
                    .equals(r.getHeader("authorization"));
            boolean live = body.toString().contains("token=live-token");
            r.response().putHeader("content-type", "application/json").setStatusCode(client ? 200 : 401)
                    .end(client && live ? "{\"active\":true,\"sub\":\"carol\",\"exp\":" + (System.currentTimeMillis() / 1000 + 3600) + "}"
                            : "{\"active\":false}");
        })).listen(0, "127.0.0.1").await();
        Files.writeString(dir.resolve("client-secret"), "s3cret\n");
        Files.writeString(dir.resolve("htpasswd"), "bob:"
                + new String(BCrypt.withDefaults().hashToChar(4, "bob-password".toCharArray())) + "\n");
        String keySha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("alice-key".getBytes(StandardCharsets.UTF_8)));
        int grpcPort = GatewayProcess.freePort();
        int httpPort = GatewayProcess.freePort();
        int adminPort = GatewayProcess.freePort();
        Path config = dir.resolve("extauth.yaml");
        Files.writeString(config, """
                kind: ExtAuthServerConfig
                spec:
                  listen: {grpc: "127.0.0.1:%d", http: "127.0.0.1:%d"}
                  admin: "127.0.0.1:%d"
                  defaultConfig: api-keys
                  configs:
                  - name: api-keys
                    apiKey:
                      headerName: x-api-key
                      keys: [{name: alice, sha256: "%s", metadata: {user: alice, plan: gold}}]
                      headersFromMetadata: {x-api-user: user, x-api-plan: plan}
                  - name: basic
                    basic: {htpasswdFile: htpasswd, realm: shop}
                  - name: either
                    anyOf: [api-keys, basic]
                  - name: oauth
                    introspection:
                      url: "http://127.0.0.1:%d/introspect"
                      clientId: gateway
                      clientSecretFile: client-secret
                      cacheDuration: 30s
                      headersFromClaims: {x-user: sub}
                  - name: key-and-token
                    allOf: [api-keys, oauth]
                """.formatted(grpcPort, httpPort, adminPort, keySha, idp.actualPort()));
        authServer = SideServiceProcess.start("extauth-server", config, grpcPort, adminPort);

        backend = new EchoBackend("api");
        port = GatewayProcess.freePort();
        Path gwDir = Files.createDirectories(dir.resolve("gateway"));
        StringBuilder yaml = new StringBuilder(Configs.backends(backend)).append("---\n").append(Configs.gateway(port))
                .append("""
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: authz, namespace: default}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %d}]}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: Backend
                metadata: {name: authz-http, namespace: default}
                spec: {static: {hosts: [{host: 127.0.0.1, port: %d}]}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: GatewayExtension
                metadata: {name: grpc, namespace: default}
                spec:
                  extAuth:
                    grpcService: {backendRef: {group: gateway.archway.dev, kind: Backend, name: authz}}
                    timeout: 3s
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: GatewayExtension
                metadata: {name: http, namespace: default}
                spec:
                  extAuth:
                    httpService:
                      backendRef: {group: gateway.archway.dev, kind: Backend, name: authz-http}
                      headersToBackend: [x-api-key]
                      headersToUpstream: [x-api-user]
                    timeout: 3s
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: api, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                """.formatted(grpcPort, httpPort));
        for (String rule : new String[] {"keys", "basic", "either", "viahttp", "oauth", "both"}) {
            yaml.append("  - {name: ").append(rule).append(", matches: [{path: {value: /").append(rule)
                    .append("}}], backendRefs: [{group: gateway.archway.dev, kind: Backend, name: api}]}\n");
        }
        yaml.append(policy("keys", "grpc", "api-keys")).append(policy("basic", "grpc", "basic"))
                .append(policy("either", "grpc", "either")).append(policy("viahttp", "http", "api-keys"))
                .append(policy("oauth", "grpc", "oauth")).append(policy("both", "grpc", "key-and-token"));
        GatewayProcess.write(gwDir, "config.yaml", yaml.toString());
        gateway = GatewayProcess.start(gwDir);
    }

    private static String policy(String rule, String extension, String authConfig) {
        return """
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: %s, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: %s}]
                  extAuth:
                    extensionRef: {name: %s}
                    contextExtensions: {config: %s}
                """.formatted(rule, rule, extension, authConfig);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        authServer.close();
        backend.close();
        vertx.close().await();
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anApiKeyBecomesIdentityHeadersAndStaysAtTheEdge() throws Exception {
        int before = backend.received.size();
        RawHttp.Response ok = RawHttp.get(port, "x.test", "/keys", "X-Api-Key: alice-key", "X-Api-User: mallory");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(backend.received.get(before).headers()).containsEntry("x-api-user", "alice")
                .containsEntry("x-api-plan", "gold").doesNotContainKey("x-api-key");

        RawHttp.Response wrong = RawHttp.get(port, "x.test", "/keys", "X-Api-Key: guessed");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("invalid_api_key");
        assertThat(RawHttp.get(port, "x.test", "/keys").status()).isEqualTo(401);
        assertThat(backend.received).hasSize(before + 1);
    }

    @Test
    void basicAuthChecksBcryptEntriesAndChallengesOtherwise() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/basic", basic("bob", "bob-password")).status()).isEqualTo(200);
        assertThat(RawHttp.get(port, "x.test", "/basic", basic("bob", "bob-password")).status())
                .as("a repeated header (served from the server's cache)").isEqualTo(200);

        RawHttp.Response wrong = RawHttp.get(port, "x.test", "/basic", basic("bob", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("www-authenticate")).isEqualTo("Basic realm=\"shop\"");
        assertThat(RawHttp.get(port, "x.test", "/basic", "Authorization: Basic %%%").status())
                .as("a malformed header is a 401, not an error").isEqualTo(401);
    }

    @Test
    void anyOfAcceptsEitherCredential() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/either", "X-Api-Key: alice-key").status()).isEqualTo(200);
        assertThat(RawHttp.get(port, "x.test", "/either", basic("bob", "bob-password")).status()).isEqualTo(200);
        assertThat(RawHttp.get(port, "x.test", "/either", basic("bob", "x")).status()).isEqualTo(401);
    }

    @Test
    void aTokenIsIntrospectedAndItsSubjectGoesUpstream() throws Exception {
        int before = backend.received.size();
        assertThat(RawHttp.get(port, "x.test", "/oauth", "Authorization: Bearer live-token").status()).isEqualTo(200);
        assertThat(backend.received.get(before).headers()).containsEntry("x-user", "carol");

        RawHttp.Response dead = RawHttp.get(port, "x.test", "/oauth", "Authorization: Bearer revoked-token");
        assertThat(dead.status()).isEqualTo(401);
        assertThat(dead.body()).contains("invalid_token");
    }

    @Test
    void allOfNeedsEveryCredential() throws Exception {
        assertThat(RawHttp.get(port, "x.test", "/both", "X-Api-Key: alice-key", "Authorization: Bearer live-token")
                .status()).isEqualTo(200);
        assertThat(RawHttp.get(port, "x.test", "/both", "X-Api-Key: alice-key").status()).isEqualTo(401);
        assertThat(RawHttp.get(port, "x.test", "/both", "Authorization: Bearer live-token").status()).isEqualTo(401);
    }

    @Test
    void theServersHttpModeWorksThroughTheGatewaysHttpService() throws Exception {
        int before = backend.received.size();
        assertThat(RawHttp.get(port, "x.test", "/viahttp", "X-Api-Key: alice-key").status()).isEqualTo(200);
        assertThat(backend.received.get(before).headers()).containsEntry("x-api-user", "alice");
        assertThat(RawHttp.get(port, "x.test", "/viahttp", "X-Api-Key: guessed").status()).isEqualTo(401);
    }
}
