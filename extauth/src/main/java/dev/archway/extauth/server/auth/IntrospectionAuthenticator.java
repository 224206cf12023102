package dev.archway.extauth.server.auth;

import dev.archway.extauth.server.config.IntrospectionAuth;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code introspection}: the bearer token is sent to an OAuth 2.0 introspection endpoint
 * (RFC 7662): {@code POST token=...} as a form, this server authenticated with HTTP basic
 * {@code clientId:clientSecret} (each form-encoded first, RFC 6749 section 2.3.1).
 * {@code active: true} allows, with {@code headersFromClaims} taken from the response;
 * {@code active: false} denies ({@code invalid_token}). An endpoint that fails, answers other
 * than 200 with JSON, or takes longer than {@link #TIMEOUT} makes the check fail
 * ({@link AuthUnavailableException}). Answers are cached by the SHA-256 of the token for
 * {@code cacheDuration}, and an active one never beyond the token's {@code exp}.
 */
final class IntrospectionAuthenticator implements Authenticator {
    static final String MODE = "introspection";
    static final String INVALID = "invalid_token";
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final int CACHE_SIZE = 10_000;

    private final HttpClient client;
    private final IntrospectionAuth config;
    private final String clientAuthorization;
    private final Set<String> owned;
    private final LongSupplier epochMillis;
    private final ExpiringCache<Verdict> cache = new ExpiringCache<>(CACHE_SIZE, System::nanoTime);

    IntrospectionAuthenticator(HttpClient client, IntrospectionAuth config, LongSupplier epochMillis) {
        this.client = client;
        this.config = config;
        this.epochMillis = epochMillis;
        String credentials = form(config.clientId()) + ":" + form(config.clientSecret());
        this.clientAuthorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        Set<String> headers = new LinkedHashSet<>();
        headers.add("authorization");
        headers.addAll(config.headersFromClaims().keySet());
        this.owned = Set.copyOf(headers);
    }

    @Override
    public Future<Verdict> check(AuthRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return Future.succeededFuture(Verdict.unauthenticated(Verdict.MISSING_CREDENTIALS, List.of("Bearer")));
        }
        String token = authorization.substring(7).strip();
        String key = Hashing.sha256Hex(token);
        Verdict cached = cache.get(key);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.url().toString())
                .setIdleTimeout(TIMEOUT.toMillis()).setConnectTimeout(TIMEOUT.toMillis())
                .setHeaders(MultiMap.caseInsensitiveMultiMap()
                        .add("content-type", "application/x-www-form-urlencoded")
                        .add("accept", "application/json")
                        .add("authorization", clientAuthorization));
        Buffer body = Buffer.buffer("token=" + form(token) + "&token_type_hint=access_token");
        return client.request(options)
                .compose(call -> call.send(body))
                .compose(response -> response.body().map(content -> {
                    if (response.statusCode() != 200) {
                        throw new AuthUnavailableException(config.url() + " answered " + response.statusCode());
                    }
                    return content;
                }))
                .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .transform(ar -> {
                    if (ar.failed()) {
                        Throwable cause = ar.cause();
                        return Future.failedFuture(cause instanceof AuthUnavailableException ? cause
                                : new AuthUnavailableException("introspection at " + config.url() + " failed: " + cause));
                    }
                    JsonObject answer;
                    try {
                        answer = ar.result().toJsonObject();
                    } catch (RuntimeException e) {
                        return Future.failedFuture(new AuthUnavailableException(
                                config.url() + " answered something other than a JSON object"));
                    }
                    Verdict verdict = verdict(answer);
                    cache.put(key, verdict, ttlNanos(verdict, answer));
                    return Future.succeededFuture(verdict);
                });
    }

    private Verdict verdict(JsonObject answer) {
        if (!Boolean.TRUE.equals(answer.getValue("active"))) {
            return Verdict.unauthenticated(INVALID, List.of("Bearer error=\"invalid_token\""));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        config.headersFromClaims().forEach((header, claim) -> {
            String value = claim(answer.getValue(claim));
            if (value != null) {
                headers.put(header, value);
            }
        });
        return Verdict.allow(MODE, headers, owned);
    }

    /** A claim as a header value: strings as they are, numbers and booleans as text, lists comma-joined. */
    private static String claim(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            String text = value.toString();
            return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? null : text;
        }
        if (value instanceof JsonArray list) {
            List<String> parts = list.stream().map(IntrospectionAuthenticator::claim).toList();
            return parts.contains(null) ? null : String.join(",", parts);
        }
        return null; // objects and nulls have no header form
    }

    private long ttlNanos(Verdict verdict, JsonObject answer) {
        long ttl = config.cacheDuration().toNanos();
        if (verdict.allowed() && answer.getValue("exp") instanceof Number exp) {
            long untilExpiry = TimeUnit.MILLISECONDS.toNanos(exp.longValue() * 1000 - epochMillis.getAsLong());
            ttl = Math.min(ttl, untilExpiry);
        }
        return ttl;
    }

    private static String form(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The bearer token is removed so that it does not reach the upstream. */
    @Override
    public Set<String> ownedHeaders() {
        return owned;
    }
}
