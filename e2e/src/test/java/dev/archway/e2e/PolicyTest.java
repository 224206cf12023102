package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TrafficPolicies end to end: JWT against real JWKS servers on loopback (rotation, outage), CORS in
 * front of JWT, claims to headers, precedence between Gateway, route and rule policies, and an
 * invalid policy failing closed.
 */
class PolicyTest {
    static EchoBackend backend;
    static JwksServer idp;
    static JwksServer rotatingIdp;
    static JwksServer flakyIdp;
    static RSAKey key;
    static RSAKey rotatingKey;
    static RSAKey flakyKey;
    static GatewayProcess gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        backend = new EchoBackend("orders");
        key = Tokens.rsaKey("k1");
        rotatingKey = Tokens.rsaKey("r1");
        flakyKey = Tokens.rsaKey("f1");
        idp = new JwksServer();
        idp.serve(Tokens.jwks(key));
        rotatingIdp = new JwksServer();
        rotatingIdp.serve(Tokens.jwks(rotatingKey));
        flakyIdp = new JwksServer();
        flakyIdp.serve(Tokens.jwks(flakyKey));
        port = GatewayProcess.freePort();
        Path dir = Files.createTempDirectory("archway-policy");
        GatewayProcess.write(dir, "config.yaml", Configs.backends(backend) + "---\n" + Configs.gateway(port) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: api, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                  - name: orders
                    matches: [{path: {value: /orders}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: orders}]
                  - name: admin
                    matches: [{path: {value: /admin}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: orders}]
                  - name: public
                    matches: [{path: {value: /public}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: orders}]
                  - name: rotating
                    matches: [{path: {value: /rotating}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: orders}]
                  - name: flaky
                    matches: [{path: {value: /flaky}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: orders}]
                  - name: broken
                    matches: [{path: {value: /broken}}]
                    backendRefs: [{group: gateway.archway.dev, kind: Backend, name: orders}]
                  - name: broken-direct
                    matches: [{path: {value: /answered-here}}]
                    filters: [{type: ExtensionRef, extensionRef: {group: gateway.archway.dev, kind: DirectResponse, name: ok}}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: DirectResponse
                metadata: {name: ok, namespace: default}
                spec: {status: 200, body: "answered by the gateway"}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: gateway-jwt, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: edge}]
                  jwt:
                    providers:
                    - name: corp
                      issuer: %1$s
                      audiences: [%2$s]
                      jwks: {remote: {url: "%3$s", cacheDuration: 5m}}
                      claimsToHeaders: [{claim: sub, header: x-user}, {claim: org.id, header: x-org}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: api-cors, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api}]
                  cors:
                    allowOrigins: ["https://app.example.com"]
                    allowMethods: [GET, POST]
                    allowHeaders: [authorization]
                    allowCredentials: true
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: admin-only, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: admin}]
                  jwt:
                    providers:
                    - name: corp
                      issuer: %1$s
                      audiences: [%2$s]
                      jwks: {remote: {url: "%3$s"}}
                    requiredClaims: [{name: scope, values: ["orders:admin"]}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: public-optional, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: public}]
                  jwt:
                    mode: Optional
                    providers:
                    - name: corp
                      issuer: %1$s
                      jwks: {remote: {url: "%3$s"}}
                      claimsToHeaders: [{claim: sub, header: x-user}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: rotating, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: rotating}]
                  jwt:
                    providers:
                    - name: rotating
                      issuer: %1$s
                      jwks: {remote: {url: "%4$s", cacheDuration: 1h}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: flaky, namespace: default}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: flaky}]
                  jwt:
                    providers:
                    - name: flaky
                      issuer: %1$s
                      jwks: {remote: {url: "%5$s", cacheDuration: 1s}}
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: broken, namespace: default}
                spec:
                  targetRefs:
                  - {group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: broken}
                  - {group: gateway.networking.k8s.io, kind: HTTPRoute, name: api, sectionName: broken-direct}
                  jwt:
                    mode: Sometimes
                    providers:
                    - name: corp
                      jwks: {remote: {url: "%3$s"}}
                """.formatted(Tokens.ISSUER, Tokens.AUDIENCE, idp.url(), rotatingIdp.url(), flakyIdp.url()));
        gateway = GatewayProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
        idp.close();
        rotatingIdp.close();
        flakyIdp.close();
    }

    private static RawHttp.Response get(String path, String... headers) throws Exception {
        return RawHttp.get(port, "x.test", path, headers);
    }

    private static String bearer(String token) {
        return "Authorization: Bearer " + token;
    }

    private static EchoBackend.Received lastReceived() {
        return backend.received.get(backend.received.size() - 1);
    }

    @Test
    void validTokenReachesTheBackendWithClaimHeadersAndWithoutTheToken() throws Exception {
        RawHttp.Response r = get("/orders?id=1", bearer(Tokens.sign(key)));

        assertThat(r.status()).isEqualTo(200);
        EchoBackend.Received got = lastReceived();
        assertThat(got.query()).isEqualTo("id=1");
        assertThat(got.headers().get("x-user")).isEqualTo("alice");
        assertThat(got.headers().get("x-org")).isEqualTo("acme");
        assertThat(got.headers()).doesNotContainKey("authorization");
    }

    @Test
    void clientSentCopiesOfClaimHeadersNeverReachTheBackend() throws Exception {
        assertThat(get("/orders", bearer(Tokens.sign(key)), "X-User: mallory", "X-Org: evil").status()).isEqualTo(200);
        assertThat(lastReceived().headers().get("x-user")).isEqualTo("alice");
        assertThat(lastReceived().headers().get("x-org")).isEqualTo("acme");

        // Optional mode without a token still strips them.
        assertThat(get("/public?anonymous", "X-User: mallory").status()).isEqualTo(200);
        assertThat(lastReceived().headers()).doesNotContainKey("x-user");
    }

    @Test
    void missingTokenAnswers401WithABearerChallenge() throws Exception {
        RawHttp.Response r = get("/orders");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("www-authenticate")).startsWith("Bearer").doesNotContain("error=");
    }

    @Test
    void everyKindOfBadTokenAnswers401WithoutDetail() throws Exception {
        RSAKey stranger = Tokens.rsaKey("k1"); // the right kid, the wrong key
        String good = Tokens.sign(key);
        String[] parts = good.split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        String[] bad = {
            Tokens.sign(key, b -> b.expirationTime(Date.from(Instant.now().minusSeconds(3600)))),
            Tokens.sign(key, b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))),
            Tokens.sign(key, b -> b.audience("payments")),
            Tokens.sign(key, b -> b.issuer("https://evil.example")),
            Tokens.sign(stranger),
            none,
            parts[0] + "." + parts[1] + "." + Base64URL.encode("forged".getBytes(StandardCharsets.UTF_8)),
            "not-a-jwt",
        };
        for (String token : bad) {
            RawHttp.Response r = get("/orders", bearer(token));
            assertThat(r.status()).as(token).isEqualTo(401);
            assertThat(r.header("www-authenticate")).as(token).contains("error=\"invalid_token\"");
            assertThat(r.body()).as(token).doesNotContainIgnoringCase("expired").doesNotContainIgnoringCase("audience");
        }
    }

    @Test
    void ruleLevelPolicyReplacesTheGatewayJwtAndItsRequiredClaimAnswers403() throws Exception {
        RawHttp.Response denied = get("/admin", bearer(Tokens.sign(key)));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("www-authenticate")).contains("insufficient_scope");

        String admin = Tokens.sign(key, b -> b.claim("scope", "orders:read orders:admin"));
        assertThat(get("/admin", bearer(admin)).status()).isEqualTo(200);
        // The rule's jwt replaced the Gateway's whole: it maps no claims to headers.
        assertThat(lastReceived().headers()).doesNotContainKey("x-org");
    }

    @Test
    void optionalModeLetsAnonymousRequestsThroughButNotBadTokens() throws Exception {
        assertThat(get("/public").status()).isEqualTo(200);
        assertThat(get("/public", bearer("not-a-jwt")).status()).isEqualTo(401);
        assertThat(get("/public", bearer(Tokens.sign(key))).status()).isEqualTo(200);
        assertThat(lastReceived().headers().get("x-user")).isEqualTo("alice");
    }

    @Test
    void aNewKeyPublishedByTheIdpIsAcceptedWithoutRestart() throws Exception {
        assertThat(get("/rotating", bearer(Tokens.sign(rotatingKey))).status()).isEqualTo(200);
        int before = rotatingIdp.fetches();

        RSAKey next = Tokens.rsaKey("r2");
        rotatingIdp.serve(Tokens.jwks(rotatingKey, next));

        // The cache lasts an hour: only the unknown kid makes the gateway fetch again, once.
        assertThat(get("/rotating", bearer(Tokens.sign(next))).status()).isEqualTo(200);
        assertThat(rotatingIdp.fetches()).isEqualTo(before + 1);
        assertThat(get("/rotating", bearer(Tokens.sign(next, b -> b.subject("bob")))).status()).isEqualTo(200);
        assertThat(rotatingIdp.fetches()).isEqualTo(before + 1);
    }

    @Test
    void cachedKeysKeepWorkingWhileTheIdpIsDown() throws Exception {
        assertThat(get("/flaky", bearer(Tokens.sign(flakyKey))).status()).isEqualTo(200);
        flakyIdp.down(true);
        try {
            int before = flakyIdp.fetches();
            // The cache duration is 1 s: wait until the gateway has tried (and failed) to refresh.
            await().atMost(Duration.ofSeconds(15)).until(() -> flakyIdp.fetches() > before);
            // A token never seen before, so no cached outcome can hide a missing key.
            String fresh = Tokens.sign(flakyKey, b -> b.subject("carol"));
            assertThat(get("/flaky", bearer(fresh)).status()).isEqualTo(200);
        } finally {
            flakyIdp.down(false);
        }
    }

    @Test
    void corsPreflightIsAnsweredBeforeJwtAndErrorsCarryCorsHeaders() throws Exception {
        RawHttp.Response preflight = RawHttp.request(port, "OPTIONS", "x.test", "/orders", "",
                "Origin: https://app.example.com", "Access-Control-Request-Method: POST",
                "Access-Control-Request-Headers: authorization");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(preflight.header("access-control-allow-credentials")).isEqualTo("true");
        assertThat(preflight.header("access-control-allow-headers")).containsIgnoringCase("authorization");

        RawHttp.Response unauthorized = get("/orders", "Origin: https://app.example.com");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(unauthorized.header("vary")).containsIgnoringCase("origin");

        RawHttp.Response stranger = get("/orders", "Origin: https://evil.example.com", bearer(Tokens.sign(key)));
        assertThat(stranger.status()).isEqualTo(200);
        assertThat(stranger.header("access-control-allow-origin")).isNull();
    }

    @Test
    void anInvalidPolicyMakesItsRouteAnswer500AndSaysWhyInStatus() throws Exception {
        RawHttp.Response broken = get("/broken", bearer(Tokens.sign(key)));
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.body()).doesNotContain("broken").doesNotContain("Sometimes");
        // A rule that answers by itself is not served either: its filters never run.
        assertThat(get("/answered-here").status()).isEqualTo(500);
        assertThat(get("/orders", bearer(Tokens.sign(key))).status()).isEqualTo(200);

        String status = gateway.admin("/status").body();
        assertThat(status).contains("\"name\":\"broken\"").contains("Sometimes (expected: Strict or Optional)")
                .contains("\"reason\":\"Invalid\"");
    }

    @Test
    void adminStatsCountTheJwtDecisionsPerPolicy() throws Exception {
        get("/orders", bearer(Tokens.sign(key)));
        get("/orders");

        String stats = gateway.admin("/stats").body();
        assertThat(stats).contains("trafficpolicy/default/gateway-jwt/jwt").contains("\"allowed\":")
                .containsPattern("\"denied\":\\{[^}]*\"[a-z_]+\":[1-9]");
    }
}
