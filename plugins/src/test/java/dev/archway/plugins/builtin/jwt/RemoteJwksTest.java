package dev.archway.plugins.builtin.jwt;

import static dev.archway.plugins.builtin.jwt.JwtFixtures.EC;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.RSA;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.claims;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.jwks;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.provider;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.run;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.sign;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.strict;
import static dev.archway.plugins.builtin.jwt.JwtFixtures.validToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import dev.archway.gatewayapi.ir.filters.JwtConfig;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.testing.RecordingMetrics;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remote JWK sets against a real identity provider on a loopback port. */
class RemoteJwksTest {
    private static final Duration LONG_CACHE = Duration.ofMinutes(5);
    private static final RSAKey ROTATED = JwtFixtures.generateRsa("rsa-2");
    private static Vertx vertx;

    private final AtomicReference<String> jwksBody = new AtomicReference<>(jwks(RSA));
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger hits = new AtomicInteger();
    private HttpServer server;
    private String url;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        get(vertx.close());
    }

    @BeforeEach
    void startIdentityProvider() throws Exception {
        server = get(vertx.createHttpServer().requestHandler(request -> {
            hits.incrementAndGet();
            request.response().setStatusCode(status.get()).putHeader("content-type", "application/json")
                    .end(jwksBody.get());
        }).listen(0, "127.0.0.1"));
        url = "http://127.0.0.1:" + server.actualPort() + "/.well-known/jwks.json";
    }

    @AfterEach
    void stopIdentityProvider() throws Exception {
        get(server.close());
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpFilter filter(JwtFilterFactory factory, Duration cacheDuration) {
        JwtConfig.Jwks source = new JwtConfig.Jwks(null, new JwtConfig.RemoteJwks(url, cacheDuration));
        return factory.create(strict(provider("idp", source)), new TestBuildContext(vertx, null));
    }

    private static TestFilterContext bearer(String token) {
        return new TestFilterContext(TestRequest.get("http://api.example/")
                .header("authorization", "Bearer " + token))
                .eventLoop(vertx.getOrCreateContext());
    }

    private static boolean passes(HttpFilter filter, String token) throws Exception {
        FilterStep step = run(filter, bearer(token));
        if (Steps.isNext(step)) {
            return true;
        }
        assertThat(Steps.reply(step).status()).isEqualTo(401);
        return false;
    }

    private static String withKid(String kid) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), RSA, claims().build());
    }

    @Test
    void requestArrivingBeforeTheFirstFetchAwaitsIt() throws Exception {
        HttpFilter filter = filter(new JwtFilterFactory(), LONG_CACHE);

        assertThat(passes(filter, validToken())).isTrue();
        assertThat(hits.get()).isEqualTo(1);
        filter.close();
    }

    @Test
    void acceptsRotatedKeyWithoutRestartByRefetchingOnUnknownKid() throws Exception {
        HttpFilter filter = filter(new JwtFilterFactory(), LONG_CACHE);
        assertThat(passes(filter, validToken())).isTrue();

        jwksBody.set(jwks(RSA, ROTATED));
        String rotated = sign(JWSAlgorithm.RS256, ROTATED, claims().build());

        assertThat(passes(filter, rotated)).isTrue();
        assertThat(hits.get()).isEqualTo(2);
        filter.close();
    }

    @Test
    void refetchesForUnknownKidsAtMostOncePerInterval() throws Exception {
        HttpFilter filter = filter(new JwtFilterFactory(), LONG_CACHE);
        assertThat(passes(filter, validToken())).isTrue();

        assertThat(passes(filter, withKid("random-1"))).isFalse();
        assertThat(passes(filter, withKid("random-2"))).isFalse();
        assertThat(passes(filter, withKid("random-3"))).isFalse();

        assertThat(hits.get()).isEqualTo(2);
        filter.close();
    }

    @Test
    void keepsServingLastGoodKeysWhileProviderFails() throws Exception {
        HttpFilter filter = filter(new JwtFilterFactory(), Duration.ofMillis(100));
        assertThat(passes(filter, validToken())).isTrue();

        status.set(503);
        await().atMost(5, TimeUnit.SECONDS).until(() -> hits.get() >= 3);
        assertThat(passes(filter, validToken())).isTrue();

        status.set(200);
        jwksBody.set("{\"keys\": ");
        int before = hits.get();
        await().atMost(5, TimeUnit.SECONDS).until(() -> hits.get() >= before + 2);
        assertThat(passes(filter, validToken())).isTrue();

        jwksBody.set("{\"keys\": []}");
        int later = hits.get();
        await().atMost(5, TimeUnit.SECONDS).until(() -> hits.get() >= later + 2);
        assertThat(passes(filter, validToken())).isTrue();
        filter.close();
    }

    @Test
    void anIdpThatNeverAnsweredCountsAsAnOutageNotAsABadToken() throws Exception {
        status.set(503);
        RecordingMetrics metrics = new RecordingMetrics();
        JwtConfig.Jwks source = new JwtConfig.Jwks(null, new JwtConfig.RemoteJwks(url, LONG_CACHE));
        HttpFilter filter = new JwtFilterFactory(Duration.ofMillis(50), Duration.ofSeconds(60))
                .create(strict(provider("idp", source)), metrics.around(new TestBuildContext(vertx, null)));

        assertThat(passes(filter, validToken())).isFalse();

        assertThat(metrics.events()).containsExactly("failed:jwks_unavailable");
        filter.close();
    }

    @Test
    void rejectsUntilTheFirstSuccessfulFetchThenRecovers() throws Exception {
        status.set(500);
        HttpFilter filter = filter(new JwtFilterFactory(Duration.ofMillis(50), Duration.ofSeconds(60)), LONG_CACHE);
        assertThat(passes(filter, validToken())).isFalse();

        status.set(200);
        Thread.sleep(100);

        assertThat(passes(filter, validToken())).isTrue();
        filter.close();
    }

    @Test
    void cachedTokenStillPassesWithinTtlAfterItsKeyIsRemoved() throws Exception {
        JwtFilter filter = (JwtFilter) filter(new JwtFilterFactory(Duration.ofMillis(1), Duration.ofSeconds(60)),
                LONG_CACHE);
        String token = validToken();
        assertThat(passes(filter, token)).isTrue();

        jwksBody.set(jwks(EC));
        assertThat(passes(filter, withKid("unknown"))).isFalse(); // makes the filter refetch: RSA is gone
        assertThat(hits.get()).isEqualTo(2);
        long checks = filter.signatureChecks();

        assertThat(passes(filter, token)).isTrue();
        assertThat(filter.signatureChecks()).isEqualTo(checks);
        assertThat(passes(filter, validToken())).isFalse();
        filter.close();
    }

    @Test
    void sharesOneSourcePerUrlAcrossFiltersUntilTheLastIsClosed() throws Exception {
        JwtFilterFactory factory = new JwtFilterFactory();
        HttpFilter first = filter(factory, LONG_CACHE);
        HttpFilter second = filter(factory, LONG_CACHE);
        assertThat(passes(first, validToken())).isTrue();
        assertThat(passes(second, validToken())).isTrue();
        assertThat(hits.get()).isEqualTo(1);
        assertThat(factory.sharedRemotes()).isEqualTo(1);

        first.close();
        first.close();
        assertThat(factory.sharedRemotes()).isEqualTo(1);
        assertThat(passes(second, validToken())).isTrue();

        second.close();
        assertThat(factory.sharedRemotes()).isZero();
    }

    @Test
    void closeStopsTheRefreshTimer() throws Exception {
        HttpFilter filter = filter(new JwtFilterFactory(), Duration.ofMillis(50));
        await().atMost(5, TimeUnit.SECONDS).until(() -> hits.get() >= 3);

        filter.close();
        Thread.sleep(200); // a fetch under way at close may still land
        int afterClose = hits.get();
        Thread.sleep(400);

        assertThat(hits.get()).isEqualTo(afterClose);
    }
}
