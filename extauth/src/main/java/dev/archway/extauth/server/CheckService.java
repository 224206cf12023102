package dev.archway.extauth.server;

import dev.archway.extauth.server.auth.AuthRequest;
import dev.archway.extauth.server.auth.AuthUnavailableException;
import dev.archway.extauth.server.auth.Verdict;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption.HeaderAppendAction;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers Envoy ext_authz v3 {@code Authorization/Check} calls.
 *
 * <p>The config is {@code attributes.context_extensions["config"]}, else {@code defaultConfig}.
 * Allowed: {@code status} OK and an {@code ok_response} whose {@code headers} are set on the
 * upstream request (overwriting) and whose {@code headers_to_remove} are the credential headers
 * (so the key or password does not reach the upstream) and the identity headers this answer does
 * not set (so a client cannot send its own). Denied: {@code status} UNAUTHENTICATED (16) for a
 * 401, PERMISSION_DENIED (7) for a 403, and a {@code denied_response} with that HTTP status,
 * {@code WWW-Authenticate} challenges and a short JSON body. The call itself fails with
 * INVALID_ARGUMENT for an unknown config or a request without {@code attributes.request.http},
 * UNAVAILABLE when an identity provider fails, INTERNAL otherwise; the gateway's failure mode
 * then decides.
 */
final class CheckService {
    private static final String CONFIG_KEY = "config";
    private static final String PREFIX = "archway extauth-server: ";

    private final Checks checks;
    private final ServerMetrics metrics;

    CheckService(Checks checks, ServerMetrics metrics) {
        this.checks = checks;
        this.metrics = metrics;
    }

    void handle(GrpcServerRequest<CheckRequest, CheckResponse> call) {
        call.handler(request -> {
            AttributeContext attributes = request.getAttributes();
            if (!attributes.hasRequest() || !attributes.getRequest().hasHttp()) {
                metrics.failed(ServerMetrics.INVALID_REQUEST);
                call.response().status(GrpcStatus.INVALID_ARGUMENT)
                        .statusMessage(PREFIX + "attributes.request.http: missing (expected: the HTTP request to check)")
                        .end();
                return;
            }
            checks.check(attributes.getContextExtensionsOrDefault(CONFIG_KEY, null), authRequest(attributes.getRequest().getHttp()))
                    .onComplete(ar -> {
                        if (ar.succeeded()) {
                            call.response().end(response(ar.result().verdict()));
                            return;
                        }
                        Throwable failure = ar.cause();
                        GrpcStatus status = failure instanceof Checks.UnknownConfig ? GrpcStatus.INVALID_ARGUMENT
                                : failure instanceof AuthUnavailableException ? GrpcStatus.UNAVAILABLE : GrpcStatus.INTERNAL;
                        String message = status == GrpcStatus.INTERNAL ? "internal error" : failure.getMessage();
                        call.response().status(status).statusMessage(PREFIX + message).end();
                    });
        });
    }

    private static AuthRequest authRequest(AttributeContext.HttpRequest http) {
        Map<String, String> headers = new LinkedHashMap<>(http.getHeadersMap());
        if (headers.isEmpty() && http.hasHeaderMap()) {
            // Envoy fills header_map instead of headers when configured to send raw values.
            http.getHeaderMap().getHeadersList().forEach(h -> headers.merge(h.getKey(),
                    h.getValue().isEmpty() ? h.getRawValue().toStringUtf8() : h.getValue(), (a, b) -> a + "," + b));
        }
        return new AuthRequest(http.getMethod(), http.getPath(), headers);
    }

    static CheckResponse response(Verdict verdict) {
        if (verdict.allowed()) {
            OkHttpResponse.Builder ok = OkHttpResponse.newBuilder();
            verdict.upstreamHeaders().forEach((name, value) -> ok.addHeaders(header(name, value)));
            ok.addAllHeadersToRemove(verdict.removeHeaders());
            return CheckResponse.newBuilder()
                    .setStatus(com.google.rpc.Status.newBuilder().setCode(GrpcStatus.OK.code))
                    .setOkResponse(ok)
                    .build();
        }
        DeniedHttpResponse.Builder denied = DeniedHttpResponse.newBuilder()
                .setStatus(HttpStatus.newBuilder().setCode(StatusCode.forNumber(verdict.status())))
                .addHeaders(header("content-type", "application/json"))
                .setBody(verdict.body());
        // One header per challenge; a client reads them all (RFC 9110 section 11.6.1).
        verdict.challenges().forEach(challenge -> denied.addHeaders(HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey("www-authenticate").setValue(challenge))
                .setAppendAction(HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD)));
        GrpcStatus status = verdict.unauthenticated() ? GrpcStatus.UNAUTHENTICATED : GrpcStatus.PERMISSION_DENIED;
        return CheckResponse.newBuilder()
                .setStatus(com.google.rpc.Status.newBuilder().setCode(status.code))
                .setDeniedResponse(denied)
                .build();
    }

    private static HeaderValueOption header(String name, String value) {
        return HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(name).setValue(value))
                .setAppendAction(HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)
                .build();
    }
}
