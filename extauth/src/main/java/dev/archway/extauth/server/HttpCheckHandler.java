package dev.archway.extauth.server;

import dev.archway.extauth.server.auth.AuthRequest;
import dev.archway.extauth.server.auth.AuthUnavailableException;
import dev.archway.extauth.server.auth.Verdict;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP mode ({@code spec.listen.http}), for gateways configured with an ext auth
 * {@code httpService}.
 *
 * <p>Contract. The gateway sends a request with the original request's method, its path behind
 * the configured {@code pathPrefix} (ignored here: any path is checked), and the original headers
 * it is told to pass ({@code headersToBackend}); the body is not read. The config is the one
 * named by the {@code x-archway-context-config} header, else {@code defaultConfig}. Answers:
 * <ul>
 *   <li>{@code 200}, empty body: allowed. The response carries the headers to set on the
 *       upstream request (e.g. {@code x-api-user}); the gateway copies those it is told to
 *       ({@code headersToUpstream}). A header to remove cannot be said in this mode: the gateway
 *       should not pass credential headers on.</li>
 *   <li>{@code 401} (or {@code 403}): denied; {@code WWW-Authenticate} challenges (one header
 *       each) and a JSON body {@code {"error":"<reason>"}}, meant for the client as they are.</li>
 *   <li>{@code 500}: the named config does not exist (a misconfiguration); {@code 503}: an
 *       identity provider failed. Either way the gateway's {@code failOpen} /
 *       {@code statusOnError} decides; the body is text for the operator, not the client.</li>
 * </ul>
 */
final class HttpCheckHandler implements Handler<HttpServerRequest> {
    static final String CONFIG_HEADER = "x-archway-context-config";

    private final Checks checks;

    HttpCheckHandler(Checks checks) {
        this.checks = checks;
    }

    @Override
    public void handle(HttpServerRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(entry -> headers.merge(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue(),
                (a, b) -> a + "," + b));
        String config = headers.remove(CONFIG_HEADER);
        AuthRequest check = new AuthRequest(request.method().name(), request.uri(), headers);
        checks.check(config, check).onComplete(ar -> {
            HttpServerResponse response = request.response();
            if (ar.succeeded()) {
                answer(response, ar.result().verdict());
            } else if (ar.cause() instanceof Checks.UnknownConfig unknown) {
                text(response, 500, unknown.getMessage());
            } else if (ar.cause() instanceof AuthUnavailableException unavailable) {
                text(response, 503, unavailable.getMessage());
            } else {
                text(response, 500, "internal error");
            }
        });
    }

    private static void answer(HttpServerResponse response, Verdict verdict) {
        if (verdict.allowed()) {
            verdict.upstreamHeaders().forEach(response::putHeader);
            response.setStatusCode(200).end();
            return;
        }
        verdict.challenges().forEach(challenge -> response.headers().add("www-authenticate", challenge));
        response.setStatusCode(verdict.status()).putHeader("content-type", "application/json").end(verdict.body());
    }

    private static void text(HttpServerResponse response, int status, String message) {
        response.setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8")
                .end("archway extauth-server: " + message + "\n");
    }
}
