package dev.archway.gateway.chain;

import dev.archway.gateway.accesslog.AccessRecord;
import dev.archway.gateway.trace.TraceContext;
import dev.archway.gatewayapi.ir.EndpointIr;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** What one exchange did, gathered as it goes, for its access log line. */
final class ExchangeLog {
    private final Instant startTime;
    private final long startNanos;
    String outcome = "upstream";
    String filter;
    String detail;
    long bytesReceived;
    long bytesSent;
    /** The caller's trace continued by the gateway, or null. */
    TraceContext trace;

    ExchangeLog(Instant startTime, long startNanos) {
        this.startTime = startTime;
        this.startNanos = startNanos;
    }

    /** Time since the request arrived. */
    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Records the first filter that decided the outcome; later ones do not overwrite it. */
    void filter(String name) {
        if (filter == null) {
            filter = name;
        }
    }

    AccessRecord record(HttpServerRequest request, ExchangeRequestHead head, int status, String route, String cluster,
            EndpointIr endpoint) {
        String path = head.query() == null ? head.originalPath() : head.originalPath() + "?" + head.query();
        return new AccessRecord(startTime, Dispatcher.protocolOf(request), head.remoteAddress(), head.method(),
                head.originalAuthority(), path, status, route, cluster, endpoint == null ? null : endpoint.toString(),
                bytesReceived, bytesSent, TimeUnit.NANOSECONDS.toMillis(elapsedNanos()), outcome,
                filter, detail, trace == null ? null : trace.traceId(), trace == null ? null : trace.spanId());
    }
}
