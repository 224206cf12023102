package dev.archway.extauth.filter;

import dev.archway.extauth.protocol.AuthorizationServiceMethods;
import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.sidekit.grpc.UnaryCall;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code Authorization/Check} call and what its answer means, as Envoy reads it: gRPC status
 * code 0 allows (with the ok_response's header edits), any other code denies with the
 * denied_response (status 403 when it names none). A gRPC error, a refused connection or the
 * timeout is a {@link dev.archway.sidekit.grpc.CallFailure}: the policy's failOpen/statusOnError decide.
 */
final class GrpcCheck {
    private GrpcCheck() {}

    static Future<AuthVerdict> call(Vertx vertx, GrpcClient grpc, EndpointIr endpoint, CheckRequest request,
            long timeoutMillis) {
        return UnaryCall.call(vertx, grpc, endpoint.host(), endpoint.port(), AuthorizationServiceMethods.CLIENT, request,
                timeoutMillis).map(GrpcCheck::verdict);
    }

    static AuthVerdict verdict(CheckResponse response) {
        if (response.getStatus().getCode() != 0) {
            DeniedHttpResponse denied = response.getDeniedResponse();
            int status = denied.hasStatus() && denied.getStatus().getCodeValue() >= 200 ? denied.getStatus().getCodeValue()
                    : 403;
            LocalReply reply = new LocalReply(status, MultiMap.caseInsensitiveMultiMap(),
                    io.vertx.core.buffer.Buffer.buffer(denied.getBody()));
            for (HeaderValueOption h : denied.getHeadersList()) {
                AuthVerdict.Header header = header(h);
                if (header.mode() == AuthVerdict.Mode.APPEND) {
                    reply.headers().add(header.name(), header.value());
                } else {
                    reply.headers().set(header.name(), header.value());
                }
            }
            return AuthVerdict.deny(reply);
        }
        OkHttpResponse ok = response.getOkResponse();
        List<AuthVerdict.Header> upstream = new ArrayList<>();
        ok.getHeadersList().forEach(h -> upstream.add(header(h)));
        List<AuthVerdict.Header> client = new ArrayList<>();
        ok.getResponseHeadersToAddList().forEach(h -> client.add(header(h)));
        return new AuthVerdict(null, upstream, List.copyOf(ok.getHeadersToRemoveList()), client);
    }

    /**
     * Envoy's ext_authz reads {@code append} first; without it, a header replaces the request's
     * own, unless {@code append_action} asks to add it only when absent.
     */
    private static AuthVerdict.Header header(HeaderValueOption option) {
        String name = option.getHeader().getKey();
        String value = option.getHeader().getRawValue().isEmpty() ? option.getHeader().getValue()
                : option.getHeader().getRawValue().toStringUtf8();
        AuthVerdict.Mode mode;
        if (option.hasAppend()) {
            mode = option.getAppend().getValue() ? AuthVerdict.Mode.APPEND : AuthVerdict.Mode.SET;
        } else if (option.getAppendAction() == HeaderValueOption.HeaderAppendAction.ADD_IF_ABSENT) {
            mode = AuthVerdict.Mode.IF_ABSENT;
        } else {
            mode = AuthVerdict.Mode.SET;
        }
        return new AuthVerdict.Header(name, value, mode);
    }
}
