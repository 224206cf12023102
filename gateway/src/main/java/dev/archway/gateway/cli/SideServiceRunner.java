package dev.archway.gateway.cli;

import ch.qos.logback.classic.LoggerContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a side service ({@code ratelimit-server}, {@code extauth-server}) until SIGTERM: start it on
 * its own Vert.x, and on SIGTERM stop accepting, give calls in flight {@code drain}, then exit.
 */
final class SideServiceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SideServiceRunner.class);

    private SideServiceRunner() {}

    /**
     * @param what the service, for log lines ("the rate limit server")
     * @return 1 when the service could not start; otherwise it never returns before the JVM exits
     */
    static <S> int serve(String what, Function<Vertx, Future<S>> start, Function<S, Future<Void>> close,
            Duration drain) throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        S server;
        try {
            server = start.apply(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.error("cannot start {}: {}", what, cause.getMessage());
            vertx.close();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(server, close, drain, vertx), "archway-shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    private static <S> void shutdown(S server, Function<S, Future<Void>> close, Duration drain, Vertx vertx) {
        LOG.info("shutting down: no new calls; calls in flight have up to {} s", drain.toSeconds());
        try {
            close.apply(server).toCompletionStage().toCompletableFuture().get(drain.toSeconds() + 5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("shutdown did not complete cleanly: {}", e.toString());
        }
        LOG.info("stopped");
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
