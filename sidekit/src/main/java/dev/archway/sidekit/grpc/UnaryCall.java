package dev.archway.sidekit.grpc;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;

/**
 * One unary gRPC call that never waits longer than its timeout, counted from the moment it is made
 * (so a connection that cannot be opened counts too); when the timer wins, the stream is
 * cancelled. The deadline also travels as {@code grpc-timeout}, so the service can give up in time.
 */
public final class UnaryCall {
    private UnaryCall() {}

    /** The answer, completed on the caller's context, or a {@link CallFailure}. */
    public static <Req, Resp> Future<Resp> call(Vertx vertx, GrpcClient grpc, String host, int port,
            ServiceMethod<Resp, Req> method, Req request, long timeoutMillis) {
        Promise<Resp> answer = Promise.promise();
        GrpcClientRequest<?, ?>[] call = new GrpcClientRequest<?, ?>[1];
        long timer = vertx.setTimer(timeoutMillis, t -> {
            if (answer.tryFail(CallFailure.timeout(timeoutMillis)) && call[0] != null) {
                call[0].cancel();
            }
        });
        grpc.request(SocketAddress.inetSocketAddress(port, host), method)
                .compose(c -> {
                    call[0] = c;
                    c.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
                    return c.send(request);
                })
                .compose(response -> response.last())
                .onComplete(done -> {
                    vertx.cancelTimer(timer);
                    if (done.succeeded()) {
                        answer.tryComplete(done.result());
                    } else {
                        answer.tryFail(classify(done.cause()));
                    }
                });
        return answer.future();
    }

    private static CallFailure classify(Throwable cause) {
        if (cause instanceof CallFailure failure) {
            return failure;
        }
        if (cause instanceof GrpcErrorException e) {
            return statusFailure(e.status(), e.getMessage());
        }
        if (cause instanceof InvalidStatusException e) {
            return statusFailure(e.actualStatus(), null);
        }
        if (cause instanceof ConnectException) {
            return CallFailure.unavailable("cannot connect: " + cause.getMessage());
        }
        return CallFailure.unavailable(String.valueOf(cause));
    }

    private static CallFailure statusFailure(GrpcStatus status, String message) {
        String text = "gRPC status " + status + (message == null || message.isEmpty() ? "" : ": " + message);
        return switch (status) {
            case UNAVAILABLE -> CallFailure.unavailable(text);
            case DEADLINE_EXCEEDED -> CallFailure.timeout(text);
            default -> CallFailure.error(text);
        };
    }
}
