package dev.archway.gateway.upstream;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.EndpointIr;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;

/** What every {@link UpstreamCall} keeps: its target, the byte counts, and the backend timeout. */
abstract class BaseUpstreamCall implements UpstreamCall {
    protected final Vertx vertx;
    protected final Cluster cluster;
    protected final EndpointIr endpoint;
    protected long bytesToUpstream;
    protected long bytesToClient;
    private long timer = -1;

    BaseUpstreamCall(Vertx vertx, Cluster cluster, EndpointIr endpoint) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.cluster = requireNonNull(cluster, "cluster");
        this.endpoint = requireNonNull(endpoint, "endpoint");
    }

    @Override
    public EndpointIr endpoint() {
        return endpoint;
    }

    @Override
    public long bytesToUpstream() {
        return bytesToUpstream;
    }

    @Override
    public long bytesToClient() {
        return bytesToClient;
    }

    /**
     * Fails {@code head} with a 504 naming {@code where} and aborts the call when no response head
     * came within {@code backendTimeout} (null or zero: no limit).
     */
    protected void startTimeout(Duration backendTimeout, Promise<UpstreamHead> head, String where) {
        if (backendTimeout == null || backendTimeout.isZero() || backendTimeout.isNegative()) {
            return;
        }
        long millis = Math.max(1, backendTimeout.toMillis());
        timer = vertx.setTimer(millis, id -> {
            timer = -1;
            if (head.tryFail(UpstreamFailure.timeout(where, millis))) {
                abort();
            }
        });
    }

    protected void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
