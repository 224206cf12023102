package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policies added, changed, broken and removed on a running gateway, without a restart. */
class PolicyReloadTest {
    EchoBackend backend;
    JwksServer idp;
    RSAKey key;
    GatewayProcess gateway;
    Path dir;
    int port;

    @BeforeEach
    void start() throws Exception {
        backend = new EchoBackend("app");
        key = Tokens.rsaKey("k1");
        idp = new JwksServer();
        idp.serve(Tokens.jwks(key));
        port = GatewayProcess.freePort();
        dir = Files.createTempDirectory("archway-policy-reload");
        GatewayProcess.write(dir, "gateway.yaml", Configs.backends(backend) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules: [{backendRefs: [{group: gateway.archway.dev, kind: Backend, name: app}]}]
                """);
        gateway = GatewayProcess.start(dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        backend.close();
        idp.close();
    }

    private String policy(String extra) {
        return """
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: guard, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: edge}]
                  jwt:
                    providers:
                    - name: corp
                      issuer: %s
                      jwks: {remote: {url: "%s", cacheDuration: 1h}}
                %s""".formatted(Tokens.ISSUER, idp.url(), extra);
    }

    private int status(String path, String... headers) throws Exception {
        return RawHttp.get(port, "x.test", path, headers).status();
    }

    @Test
    void aPolicyAppliesOnSaveSurvivesABrokenEditAndGoesAwayWhenDeleted() throws Exception {
        String bearer = "Authorization: Bearer " + Tokens.sign(key);
        assertThat(status("/")).isEqualTo(200);

        GatewayProcess.write(dir, "policy.yaml", policy(""));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status("/")).isEqualTo(401));
        assertThat(status("/", bearer)).isEqualTo(200);
        int fetches = idp.fetches();

        // An unrelated change rebuilds every filter; the key set is shared, not fetched again.
        GatewayProcess.write(dir, "other.yaml", """
                apiVersion: gateway.archway.dev/v1alpha1
                kind: DirectResponse
                metadata: {name: unrelated, namespace: default}
                spec: {status: 204}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: other, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - matches: [{path: {value: /other}}]
                    filters: [{type: ExtensionRef, extensionRef: {group: gateway.archway.dev, kind: DirectResponse, name: unrelated}}]
                """);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status("/other", bearer)).isEqualTo(204));
        assertThat(status("/", "Authorization: Bearer " + Tokens.sign(key, b -> b.subject("bob")))).isEqualTo(200);
        assertThat(idp.fetches()).isEqualTo(fetches);

        // A misspelt field: the file's last good content keeps protecting the route.
        GatewayProcess.write(dir, "policy.yaml", policy("  jwtt: {}\n"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gateway.admin("/config_dump").body()).contains("spec.jwtt: unknown field"));
        assertThat(status("/")).isEqualTo(401);

        Files.delete(dir.resolve("policy.yaml"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status("/")).isEqualTo(200));
    }
}
