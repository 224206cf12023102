package dev.archway.extauth.protocol;

import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;

/**
 * Envoy's external authorization service v3, {@code envoy.service.auth.v3.Authorization/Check},
 * described for Vert.x gRPC with Envoy's published protobuf messages. The gateway's ext-auth filter
 * and {@code archway extauth-server} both use it; any Envoy ext_authz service answers it.
 */
public final class AuthorizationServiceMethods {

    public static final ServiceName SERVICE = ServiceName.create("envoy.service.auth.v3.Authorization");
    public static final String METHOD = "Check";

    /** Client side: sends a {@link CheckRequest}, reads a {@link CheckResponse}. */
    public static final ServiceMethod<CheckResponse, CheckRequest> CLIENT = ServiceMethod.client(
            SERVICE, METHOD, GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(CheckResponse.newBuilder()));

    /** Server side: reads a {@link CheckRequest}, answers a {@link CheckResponse}. */
    public static final ServiceMethod<CheckRequest, CheckResponse> SERVER = ServiceMethod.server(
            SERVICE, METHOD, GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(CheckRequest.newBuilder()));

    private AuthorizationServiceMethods() {}
}
