package dev.archway.ratelimit.server;

import dev.archway.ratelimit.rls.RateLimitServiceMethods;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
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
import java.util.concurrent.TimeUnit;

/** A gateway's side of the protocol, for tests: real gRPC over loopback. */
final class RlsClient {
    private final GrpcClient client;

    RlsClient(Vertx vertx) {
        this.client = GrpcClient.client(vertx);
    }

    /** A call's outcome: the response, or the gRPC status and message it failed with. */
    record Answer(RateLimitResponse response, GrpcStatus status, String message) {
        RateLimitResponse.Code code() {
            if (response == null) {
                throw new AssertionError("no response: " + status + " " + message);
            }
            return response.getOverallCode();
        }
    }

    Answer call(int port, RateLimitRequest request) {
        try {
            return client.request(SocketAddress.inetSocketAddress(port, "127.0.0.1"), RateLimitServiceMethods.CLIENT)
                    .compose(call -> call.send(request))
                    .compose(response -> response.last().transform(ar -> Future.succeededFuture(
                            new Answer(ar.succeeded() ? ar.result() : null, response.status(), response.statusMessage()))))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("call failed: " + e, e);
        }
    }

    /** A request of one descriptor per group of {@code key, value, key, value...}. */
    static RateLimitRequest request(String domain, String... keysAndValues) {
        return RateLimitRequest.newBuilder().setDomain(domain).addDescriptors(descriptor(keysAndValues)).build();
    }

    static RateLimitDescriptor descriptor(String... keysAndValues) {
        RateLimitDescriptor.Builder descriptor = RateLimitDescriptor.newBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            descriptor.addEntries(RateLimitDescriptor.Entry.newBuilder()
                    .setKey(keysAndValues[i]).setValue(keysAndValues[i + 1]));
        }
        return descriptor.build();
    }

    /** An admin endpoint's answer: {@code "200 ok\n"}. */
    static String get(int port, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
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
