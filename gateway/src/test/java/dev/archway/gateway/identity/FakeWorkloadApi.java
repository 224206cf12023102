package dev.archway.gateway.identity;

import com.google.protobuf.ByteString;
import dev.archway.gateway.testing.TestSpiffeCa;
import io.spiffe.workloadapi.grpc.Workload.X509SVID;
import io.spiffe.workloadapi.grpc.Workload.X509SVIDRequest;
import io.spiffe.workloadapi.grpc.Workload.X509SVIDResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SPIFFE Workload API server on a Unix socket, written for the tests as a SPIRE agent behaves:
 * it refuses calls without the {@code workload.spiffe.io: true} header, answers {@code
 * FetchX509SVID} with the current SVID at once and pushes every new one on the open streams.
 */
final class FakeWorkloadApi implements AutoCloseable {
    private final Vertx vertx;
    private final Path socket;
    private final List<GrpcServerResponse<X509SVIDRequest, X509SVIDResponse>> streams = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile X509SVIDResponse current;
    private HttpServer server;

    FakeWorkloadApi(Vertx vertx, Path socket, X509SVIDResponse first) {
        this.vertx = vertx;
        this.socket = socket;
        this.current = first;
    }

    static X509SVIDResponse answer(TestSpiffeCa.Svid svid, TestSpiffeCa ca, TestSpiffeCa... federated) {
        X509SVIDResponse.Builder builder = X509SVIDResponse.newBuilder().addSvids(X509SVID.newBuilder()
                .setSpiffeId(svid.spiffeId())
                .setX509Svid(ByteString.copyFrom(svid.certificateDer()))
                .setX509SvidKey(ByteString.copyFrom(svid.privateKey().getEncoded()))
                .setBundle(ByteString.copyFrom(ca.bundleDer())));
        for (TestSpiffeCa other : federated) {
            builder.putFederatedBundles(other.trustDomain(), ByteString.copyFrom(other.bundleDer()));
        }
        return builder.build();
    }

    FakeWorkloadApi start() throws Exception {
        GrpcServer grpc = GrpcServer.server(vertx).callHandler(WorkloadApiMethods.SERVER, call -> {
            calls.incrementAndGet();
            if (!"true".equals(call.headers().get(WorkloadApiMethods.SECURITY_HEADER))) {
                refused.incrementAndGet();
                call.response().status(GrpcStatus.INVALID_ARGUMENT).statusMessage("security header missing from request")
                        .end();
                return;
            }
            call.handler(request -> {});
            GrpcServerResponse<X509SVIDRequest, X509SVIDResponse> response = call.response();
            streams.add(response);
            response.exceptionHandler(err -> streams.remove(response));
            response.write(current);
        });
        server = vertx.createHttpServer().requestHandler(grpc);
        server.listen(SocketAddress.domainSocketAddress(socket.toString())).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return this;
    }

    /** Sends {@code next} on every open stream, as an agent does on rotation. */
    void rotate(X509SVIDResponse next) {
        current = next;
        for (var stream : streams) {
            vertx.runOnContext(v -> stream.write(next));
        }
    }

    int calls() {
        return calls.get();
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() throws Exception {
        streams.clear();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        java.nio.file.Files.deleteIfExists(socket);
    }
}
