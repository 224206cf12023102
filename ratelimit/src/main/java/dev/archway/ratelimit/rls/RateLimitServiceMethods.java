package dev.archway.ratelimit.rls;

import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;

/**
 * The one method of Envoy's rate limit service v3, {@code
 * envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit}, described for Vert.x gRPC.
 *
 * <p>The messages are Envoy's published protobuf classes; the transport is Vert.x gRPC rather than
 * grpc-java, so the gateway's event loops carry the calls and no second network stack is started.
 * Both ends of the protocol (the gateway's client filter and {@code archway ratelimit-server}) use
 * these descriptions, and any Envoy-compatible rate limit service answers them.
 */
public final class RateLimitServiceMethods {

  public static final ServiceName SERVICE =
      ServiceName.create("envoy.service.ratelimit.v3.RateLimitService");
  public static final String METHOD = "ShouldRateLimit";

  /** Client side: sends a {@link RateLimitRequest}, reads a {@link RateLimitResponse}. */
  public static final ServiceMethod<RateLimitResponse, RateLimitRequest> CLIENT =
      ServiceMethod.client(
          SERVICE,
          METHOD,
          GrpcMessageEncoder.encoder(),
          GrpcMessageDecoder.decoder(RateLimitResponse.newBuilder()));

  /** Server side: reads a {@link RateLimitRequest}, answers a {@link RateLimitResponse}. */
  public static final ServiceMethod<RateLimitRequest, RateLimitResponse> SERVER =
      ServiceMethod.server(
          SERVICE,
          METHOD,
          GrpcMessageEncoder.encoder(),
          GrpcMessageDecoder.decoder(RateLimitRequest.newBuilder()));

  private RateLimitServiceMethods() {}
}
