package dev.archway.ratelimit.rls;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.server.GrpcServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitServiceMethodsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRequestCrossesTheWireAsEnvoysMessagesOverHttp2() throws Exception {
    GrpcServer grpc = GrpcServer.server(vertx);
    grpc.callHandler(
        RateLimitServiceMethods.SERVER,
        call ->
            call.handler(
                request ->
                    call.response()
                        .end(
                            RateLimitResponse.newBuilder()
                                .setOverallCode(
                                    request.getDomain().equals("edge")
                                            && request.getDescriptors(0).getEntries(0).getValue().equals("orders")
                                        ? RateLimitResponse.Code.OVER_LIMIT
                                        : RateLimitResponse.Code.OK)
                                .build())));
    HttpServer server =
        vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1").toCompletionStage()
            .toCompletableFuture().get(10, TimeUnit.SECONDS);

    GrpcClient client = GrpcClient.client(vertx);
    RateLimitRequest request =
        RateLimitRequest.newBuilder()
            .setDomain("edge")
            .addDescriptors(
                RateLimitDescriptor.newBuilder()
                    .addEntries(RateLimitDescriptor.Entry.newBuilder().setKey("route").setValue("orders")))
            .build();
    RateLimitResponse response =
        client
            .request(SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1"), RateLimitServiceMethods.CLIENT)
            .compose(call -> call.send(request))
            .compose(answer -> answer.last())
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(response.getOverallCode()).isEqualTo(RateLimitResponse.Code.OVER_LIMIT);
  }
}
