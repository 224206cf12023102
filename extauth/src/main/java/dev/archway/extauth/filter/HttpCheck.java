package dev.archway.extauth.filter;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.filters.ExtAuthConfig;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.spi.RequestHead;
import dev.archway.sidekit.grpc.CallFailure;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A check against a plain HTTP auth service. The service gets the request's method and {@code
 * pathPrefix} + path (with query), its {@code Host}, the headers named in {@code headersToBackend},
 * each context extension as {@code x-archway-context-<key>}, and the body when asked for. A 2xx
 * answer allows, and its {@code headersToUpstream} go on to the upstream request; a 5xx answer
 * is the service failing (as in Envoy), so failOpen/statusOnError decide; any other answer goes
 * back to the client as it came (status, headers, body up to 64 KiB).
 */
final class HttpCheck {
    /** A denial's body is for the client to read, not a download. */
    static final int MAX_DENIAL_BODY = 64 * 1024;
    static final String CONTEXT_HEADER_PREFIX = "x-archway-context-";
    /** Connection-level headers of the service's answer, which are not the client's business. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "proxy-connection", "te", "trailer");

    private HttpCheck() {}

    static Future<AuthVerdict> call(Vertx vertx, HttpClient http, EndpointIr endpoint, ExtAuthConfig config,
            RequestHead request, Buffer body, long timeoutMillis) {
        ExtAuthConfig.Http settings = config.http();
        String query = request.query() == null || request.query().isEmpty() ? "" : "?" + request.query();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setURI(settings.pathPrefix() + request.path() + query);
        MultiMap headers = options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
        headers.set("host", request.authority() == null ? request.host() : request.authority());
        for (String name : settings.headersToBackend()) {
            List<String> values = request.headers().getAll(name);
            if (!values.isEmpty()) {
                headers.set(name, values);
            }
        }
        for (Map.Entry<String, String> e : config.contextExtensions().entrySet()) {
            headers.set(CONTEXT_HEADER_PREFIX + e.getKey(), e.getValue());
        }
        options.setHeaders(headers);

        Promise<AuthVerdict> verdict = Promise.promise();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long timer = vertx.setTimer(timeoutMillis, t -> {
            if (verdict.tryFail(CallFailure.timeout(timeoutMillis)) && sent[0] != null) {
                sent[0].reset();
            }
        });
        http.request(options)
                .compose(r -> {
                    sent[0] = r;
                    return body == null ? r.send() : r.send(body);
                })
                .compose(response -> verdictOf(response, settings))
                .onComplete(done -> {
                    vertx.cancelTimer(timer);
                    if (done.succeeded()) {
                        verdict.tryComplete(done.result());
                    } else {
                        Throwable cause = done.cause();
                        verdict.tryFail(cause instanceof CallFailure f ? f
                                : cause instanceof ConnectException ? CallFailure.unavailable("cannot connect: " + cause.getMessage())
                                : CallFailure.unavailable(String.valueOf(cause)));
                    }
                });
        return verdict.future();
    }

    private static Future<AuthVerdict> verdictOf(HttpClientResponse response, ExtAuthConfig.Http settings) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            List<AuthVerdict.Header> upstream = new ArrayList<>();
            for (String name : settings.headersToUpstream()) {
                for (String value : response.headers().getAll(name)) {
                    upstream.add(new AuthVerdict.Header(name, value,
                            upstream.stream().anyMatch(h -> h.name().equals(name)) ? AuthVerdict.Mode.APPEND
                                    : AuthVerdict.Mode.SET));
                }
            }
            // The client's own copies of these headers go, even when the answer does not set them:
            // the upstream trusts them to come from the auth service.
            List<String> remove = settings.headersToUpstream();
            // The body of an allowing answer means nothing to the gateway; drain it so the connection is reused.
            return response.end().map(v -> new AuthVerdict(null, upstream, remove, List.of()));
        }
        if (status >= 500) {
            return response.end().transform(v -> Future.failedFuture(
                    CallFailure.error("the auth service answered " + status)));
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        response.headers().forEach(h -> {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        Buffer denialBody = Buffer.buffer();
        Promise<AuthVerdict> done = Promise.promise();
        response.handler(chunk -> {
            int room = MAX_DENIAL_BODY - denialBody.length();
            if (room > 0) {
                denialBody.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
            }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(v -> done.tryComplete(AuthVerdict.deny(new LocalReply(status, headers, denialBody))));
        return done.future();
    }
}
