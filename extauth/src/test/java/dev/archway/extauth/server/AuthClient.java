package dev.archway.extauth.server;

import dev.archway.extauth.protocol.AuthorizationServiceMethods;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A gateway's side of the protocol, for tests: real gRPC over loopback. */
final class AuthClient {
    private final GrpcClient client;

    AuthClient(Vertx vertx) {
        this.client = GrpcClient.client(vertx);
    }

    /** A call's outcome: the response, or the gRPC status and message it failed with. */
    record Answer(CheckResponse response, GrpcStatus status, String message) {
        CheckResponse ok() {
            if (response == null) {
                throw new AssertionError("no response: " + status + " " + message);
            }
            return response;
        }
    }

    Answer call(int port, CheckRequest request) {
        try {
            return client.request(SocketAddress.inetSocketAddress(port, "127.0.0.1"), AuthorizationServiceMethods.CLIENT)
                    .compose(call -> call.send(request))
                    .compose(response -> response.last().transform(ar -> Future.succeededFuture(
                            new Answer(ar.succeeded() ? ar.result() : null, response.status(), response.statusMessage()))))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("call failed: " + e, e);
        }
    }

    /** A check of {@code GET /orders} with {@code headers}, for the config named (or none when null). */
    static CheckRequest request(String config, Map<String, String> headers) {
        AttributeContext.Builder attributes = AttributeContext.newBuilder()
                .setRequest(AttributeContext.Request.newBuilder().setHttp(AttributeContext.HttpRequest.newBuilder()
                        .setMethod("GET").setPath("/orders").setHost("api.example.com").putAllHeaders(headers)));
        if (config != null) {
            attributes.putContextExtensions("config", config);
        }
        return CheckRequest.newBuilder().setAttributes(attributes).build();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** An HTTP answer: status, headers, body. */
    static HttpResponse<String> http(int port, String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            headers.forEach(request::header);
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Replaces {@code file} in one step, as config management tools do, so no half-written file is read. */
    static void replace(Path file, String content) {
        try {
            Path temp = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
