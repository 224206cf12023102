package dev.archway.gateway.chain;

import dev.archway.gateway.accesslog.AccessRecord;
import dev.archway.gateway.metrics.RouteMeters;
import dev.archway.gateway.metrics.UpstreamMeters;
import dev.archway.gateway.trace.RequestTrace;
import dev.archway.gateway.upstream.Cluster;
import dev.archway.gateway.upstream.OutgoingRequest;
import dev.archway.gateway.upstream.ProxyHeaders;
import dev.archway.gateway.upstream.RequestBody;
import dev.archway.gateway.upstream.UpstreamCall;
import dev.archway.gateway.upstream.UpstreamWarnings;
import dev.archway.gateway.upstream.UpstreamFailure;
import dev.archway.gateway.upstream.WebSocketTunnel;
import dev.archway.gatewayapi.ir.RetryIr;
import dev.archway.gatewayapi.ir.TimeoutsIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request on a matched route, from its head to the last byte of the response. Lives on the
 * request's event loop; every callback re-enters through {@link #guarded} so that no exception of
 * ours or of a filter reaches Netty.
 *
 * <p>This file is over the usual size on purpose: the exchange is one state machine, and its
 * transitions (local reply, timeout, client gone, upstream answer) are easier to check side by side.
 * Self-contained parts live beside it: {@link PhaseRun}, {@link BodyCollector},
 * {@link BackendChoice}, {@link ExchangeLog}.
 *
 * <p>{@code epoch} cancels work in flight: a local reply, a timeout or the client going away bump
 * it, and any filter future or upstream answer that completes later for an older epoch is ignored.
 */
public final class Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final ExchangeEnv env;
    private final HttpServerRequest downstream;
    private final BoundRoute route;
    private final RouteMeters meters;
    private final ExchangeContext ctx;
    private final Context context;
    private final ExchangeLog log;
    private final RequestBody.Framing framing;
    private final boolean webSocket;
    /** Filters whose onRequestHeaders ran, in order: route filters, then the backend's. */
    private final List<FilterLink> invoked = new ArrayList<>();

    private Cluster cluster;
    private UpstreamCall call;
    private RequestTrace trace = RequestTrace.NONE;
    private RequestTrace.UpstreamSpan upstreamSpan = RequestTrace.UpstreamSpan.NONE;
    /** The body of a local reply, or of a response a response filter replaced; null while proxying. */
    private Buffer replyBody;
    private boolean bodyTaken;
    private boolean closeConnection;
    /** The replayable request body while the rule has a retry policy, else null. */
    private Buffer retryBody;
    private int retries;
    private boolean headSent;
    private boolean done;
    private int epoch;
    private long requestTimer = -1;

    Exchange(ExchangeEnv env, HttpServerRequest downstream, BoundRoute route, RouteMeters meters,
            ExchangeRequestHead head, Context context, Instant startTime, long startNanos) {
        this.env = env;
        this.downstream = downstream;
        this.route = route;
        this.meters = meters;
        this.context = context;
        this.log = new ExchangeLog(startTime, startNanos);
        this.ctx = new ExchangeContext(head, route.name(), context);
        this.framing = Dispatcher.framingOf(downstream);
        this.webSocket = downstream.version() == HttpVersion.HTTP_1_1 && downstream.method() == HttpMethod.GET
                && ProxyHeaders.isWebSocketUpgrade(downstream.headers());
    }

    /** The request's trace: the context the access log names, and its spans when tracing is on. */
    void trace(RequestTrace trace) {
        this.trace = trace;
        log.trace = trace.context();
    }

    void start() {
        env.metrics().exchangeStarted();
        HttpServerResponse out = downstream.response();
        out.closeHandler(v -> guarded(this::clientGone));
        downstream.exceptionHandler(err -> guarded(this::clientGone));
        Duration limit = timeouts().request();
        if (limit != null && limit.toMillis() > 0) {
            requestTimer = env.vertx().setTimer(limit.toMillis(), id -> guarded(this::requestTimedOut));
        }
        if (route.route().failure() != null) {
            // A broken rule runs none of its filters: a DirectResponse or redirect must not answer
            // in place of a policy that could not be built (fail closed).
            guarded(() -> fail(500, "route " + route.name() + " cannot serve requests: " + route.route().failure(),
                    "route_failure"));
            return;
        }
        guarded(() -> requestPhase(route.filters().links(), true, this::afterRouteHeaders));
    }

    private TimeoutsIr timeouts() {
        TimeoutsIr timeouts = route.route().timeouts();
        return timeouts == null ? TimeoutsIr.NONE : timeouts;
    }

    // ---- request side -------------------------------------------------------------------------

    private void requestPhase(List<FilterLink> links, boolean headers, Runnable next) {
        List<FilterLink> run = headers ? links : links.stream().filter(FilterLink::buffersBody).toList();
        if (run.isEmpty()) {
            next.run();
            return;
        }
        PhaseRun.Invoker invoker = headers
                ? link -> {
                    invoked.add(link);
                    return link.filter().onRequestHeaders(ctx);
                }
                : link -> link.filter().onRequestBody(ctx, ctx.body);
        new PhaseRun(context, run, invoker, new PhaseRun.Outcome() {
            @Override
            public void completed() {
                guarded(next);
            }

            @Override
            public boolean replied(FilterLink link, LocalReply reply) {
                guarded(() -> localReply(reply, link, "local_reply"));
                return false;
            }

            @Override
            public void failed(FilterLink link, Throwable cause) {
                guarded(() -> filterFailed(link, cause));
            }
        }, cancelledAfter(), trace).start();
    }

    private BooleanSupplier cancelledAfter() {
        int current = epoch;
        return () -> done || epoch != current;
    }

    private void afterRouteHeaders() {
        if (route.buffersBody()) {
            bufferBody(() -> requestPhase(route.filters().links(), false, this::selectBackend));
        } else {
            selectBackend();
        }
    }

    private void bufferBody(Runnable then) {
        int max = env.settings().maxBufferedBodyBytes();
        if (BodyCollector.declaredLength(downstream) > max) {
            tooLarge(max);
            return;
        }
        bodyTaken = true;
        BodyCollector.collect(downstream, max, n -> log.bytesReceived += n, cancelledAfter(), body -> {
            ctx.body = body;
            guarded(then);
        }, () -> guarded(() -> tooLarge(max)));
    }

    private void tooLarge(int max) {
        // The rest of the body is not read: the connection cannot carry another request.
        closeConnection = true;
        localReply(LocalReply.text(413, "request body exceeds " + max + " bytes"), null, "body_too_large");
    }

    private void selectBackend() {
        BackendChoice choice = BackendChoice.of(route, env.clusters());
        if (!choice.chosen()) {
            fail(choice.status(), choice.text(), choice.outcome());
            return;
        }
        cluster = choice.cluster();
        List<FilterLink> filters = choice.backend().filters().links();
        requestPhase(filters, true, () -> requestPhase(filters, false, this::forward));
    }

    private void forward() {
        if (!cluster.hasEndpoints()) {
            fail(503, "no healthy upstream", "no_healthy_upstream");
            return;
        }
        boolean upgrade = webSocket && cluster.protocol() != UpstreamProtocol.H2C;
        RetryIr retry = route.route().retry();
        RequestBody body;
        if (ctx.body != null) {
            Buffer whole = ctx.body;
            ctx.body = null;
            if (whole.length() > 0) {
                ctx.observedChunk(whole);
            }
            ctx.observedEnd();
            body = new RequestBody.Buffered(whole);
            retryBody = retry == null ? null : whole;
        } else if (upgrade) {
            body = new RequestBody.Buffered(Buffer.buffer());
        } else if (retry != null && framing == RequestBody.Framing.NONE) {
            // No body: the request can be replayed as it is. (A streamed body is tried once.)
            ctx.observedEnd();
            retryBody = Buffer.buffer();
            body = new RequestBody.Buffered(retryBody);
        } else {
            bodyTaken = true;
            body = new RequestBody.Streamed(downstream, framing, chunk -> {
                log.bytesReceived += chunk.length();
                ctx.observedChunk(chunk);
            }, v -> ctx.observedEnd());
        }
        send(body, upgrade);
    }

    /** One try on the cluster's next endpoint; the first and every retry go through here. */
    private void send(RequestBody body, boolean upgrade) {
        call = UpstreamCall.open(env.vertx(), cluster, cluster.nextEndpoint());
        OutgoingRequest outgoing = ctx.requestHead().toOutgoing(upgrade);
        RequestTrace.UpstreamSpan span = trace.upstream(outgoing.headers(), outgoing.method(), cluster.name(),
                String.valueOf(call.endpoint()));
        upstreamSpan = span;
        BooleanSupplier cancelled = cancelledAfter();
        UpstreamCall current = call;
        UpstreamMeters upstreamMeters = env.metrics().upstream(cluster.name());
        long sentNanos = System.nanoTime();
        current.send(outgoing, body, upgrade, timeouts().backendRequest()).onComplete(ar -> guarded(() -> {
            if (ar.succeeded()) {
                upstreamMeters.responded(System.nanoTime() - sentNanos);
            } else {
                upstreamMeters.failed(ar.cause() instanceof UpstreamFailure f ? f.reason() : "upstream_reset");
            }
            // The try's span covers the wait for the response head (or the failure).
            span.end(ar.failed() ? 0 : ar.result().status(), ar.failed() ? String.valueOf(ar.cause().getMessage()) : null);
            if (upstreamSpan == span) {
                upstreamSpan = RequestTrace.UpstreamSpan.NONE;
            }
            if (cancelled.getAsBoolean()) {
                current.abort();
            } else if (ar.failed()) {
                int status = ar.cause() instanceof UpstreamFailure f ? f.status() : 502;
                if (!retryLater(status, current)) {
                    upstreamFailed(ar.cause());
                }
            } else if (!retryLater(ar.result().status(), current)) {
                upstreamResponded(ar.result(), upgrade);
            }
        }));
    }

    /**
     * Tries the request again (on the next endpoint, after the backoff) when the rule's retry
     * policy covers {@code status}, attempts are left and the body can be replayed.
     */
    private boolean retryLater(int status, UpstreamCall failed) {
        RetryIr retry = route.route().retry();
        if (retry == null || retryBody == null || retries >= retry.attempts() || !retry.retries(status)) {
            return false;
        }
        retries++;
        failed.abort();
        BooleanSupplier cancelled = cancelledAfter();
        Runnable again = () -> guarded(() -> {
            if (!cancelled.getAsBoolean()) {
                send(new RequestBody.Buffered(retryBody), false);
            }
        });
        long backoff = retry.backoff() == null ? 0 : Math.max(1, retry.backoff().toMillis());
        if (backoff > 0) {
            env.vertx().setTimer(backoff, id -> again.run());
        } else {
            context.runOnContext(v -> again.run());
        }
        return true;
    }

    private void upstreamFailed(Throwable cause) {
        UpstreamFailure failure = cause instanceof UpstreamFailure f ? f : null;
        int status = failure == null ? 502 : failure.status();
        log.detail = cause.getMessage();
        if (failure != null) {
            UpstreamWarnings.failed(cluster.name(), failure);
        }
        String text = status == 504 ? "upstream request timeout"
                : "upstream connect error or disconnect/reset before headers";
        localReply(LocalReply.text(status, text), null, failure == null ? "upstream_reset" : failure.reason());
    }

    // ---- response side ------------------------------------------------------------------------

    private void upstreamResponded(UpstreamCall.UpstreamHead response, boolean upgrade) {
        boolean switching = upgrade && response.status() == 101;
        if (upgrade && !switching) {
            discardRemainingBody();
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers());
        ProxyHeaders.stripResponse(headers, switching);
        ctx.responseHead().reset(response.status(), headers);
        responsePhase(null, () -> writeResponse(switching));
    }

    private void localReply(LocalReply reply, FilterLink replier, String why) {
        epoch++;
        if (call != null) {
            call.abort();
        }
        log.outcome = why;
        if (replier != null) {
            log.filter(replier.name());
        }
        replace(reply);
        responsePhase(replier, () -> writeResponse(false));
    }

    /**
     * Answers {@code status} with a fixed text: {@code detail} names resources of the config, which
     * is for the access log (and the operator), not for clients.
     */
    private void fail(int status, String detail, String why) {
        log.detail = detail;
        String text = status == 503 ? "no healthy upstream" : "this route cannot serve requests; the gateway's status says why";
        localReply(LocalReply.text(status, text), null, why);
    }

    private void filterFailed(FilterLink link, Throwable cause) {
        env.failures().record(link.name());
        LOG.warn("filter {} ({}) failed on route {}: {}", link.name(), link.kind(), route.name(), cause.toString());
        log.detail = cause.toString();
        log.filter(link.name());
        localReply(LocalReply.text(500, "internal error in filter chain"), link, "filter_error");
    }

    private void replace(LocalReply reply) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (reply.headers() != null) {
            headers.addAll(reply.headers());
        }
        ctx.responseHead().reset(reply.status(), headers);
        replyBody = reply.body() == null ? Buffer.buffer() : reply.body();
    }

    /** onResponseHeaders of the filters that ran, in reverse, except {@code skip} (the one that replied). */
    private void responsePhase(FilterLink skip, Runnable write) {
        List<FilterLink> reversed = new ArrayList<>(invoked.size());
        for (int i = invoked.size() - 1; i >= 0; i--) {
            if (invoked.get(i) != skip) {
                reversed.add(invoked.get(i));
            }
        }
        new PhaseRun(context, reversed, link -> link.filter().onResponseHeaders(ctx), new PhaseRun.Outcome() {
            @Override
            public void completed() {
                guarded(write);
            }

            @Override
            public boolean replied(FilterLink link, LocalReply reply) {
                // A response filter answering replaces the response and the phase goes on.
                guarded(() -> {
                    if (call != null && replyBody == null) {
                        call.abort();
                    }
                    log.outcome = "local_reply";
                    log.filter = link.name();
                    replace(reply);
                });
                return true;
            }

            @Override
            public void failed(FilterLink link, Throwable cause) {
                guarded(() -> {
                    env.failures().record(link.name());
                    LOG.warn("filter {} ({}) failed on response of route {}: {}", link.name(), link.kind(),
                            route.name(), cause.toString());
                    if (call != null && replyBody == null) {
                        call.abort();
                    }
                    log.outcome = "filter_error";
                    log.filter = link.name();
                    log.detail = cause.toString();
                    replace(LocalReply.text(500, "internal error in filter chain"));
                    write.run();
                });
            }
        }, cancelledAfter(), trace).start();
    }

    private void writeResponse(boolean switching) {
        if (done || headSent) {
            return;
        }
        if (replyBody != null) {
            writeLocal();
            return;
        }
        headSent = true;
        cancelRequestTimer();
        ExchangeResponseHead head = ctx.responseHead();
        if (switching) {
            WebSocketTunnel.splice(call, downstream, head.headers()).onComplete(ar -> guarded(this::finish));
            return;
        }
        boolean headRequest = downstream.method() == HttpMethod.HEAD;
        call.relay(downstream.response(), head.status(), head.headers(), headRequest, downstream.version())
                .onComplete(ar -> guarded(() -> {
                    if (ar.failed() && "upstream".equals(log.outcome)) {
                        log.outcome = "stream_broken";
                        log.detail = String.valueOf(ar.cause());
                    }
                    finish();
                }));
    }

    private void writeLocal() {
        headSent = true;
        cancelRequestTimer();
        HttpServerResponse out = downstream.response();
        ExchangeResponseHead head = ctx.responseHead();
        out.setStatusCode(head.status() == 0 ? 500 : head.status());
        out.headers().addAll(head.headers());
        // The body below is the whole body: let the server compute the length.
        out.headers().remove("content-length").remove("transfer-encoding");
        if (!downstream.isEnded() && bodyTaken) {
            // The rest of the request body is still coming: an HTTP/1.1 connection cannot carry
            // another request before it, so close rather than read an upload nobody wants.
            closeConnection = true;
        }
        if (closeConnection && downstream.version() != HttpVersion.HTTP_2) {
            // Vert.x keeps the connection open unless the request asked otherwise: close it ourselves.
            out.headers().set("connection", "close");
            out.endHandler(v -> downstream.connection().close());
        } else {
            discardRemainingBody();
        }
        Buffer body = replyBody;
        if (downstream.method() != HttpMethod.HEAD) {
            log.bytesSent = body.length();
        }
        out.end(body).onComplete(ar -> guarded(this::finish));
    }

    private void discardRemainingBody() {
        if (bodyTaken) {
            return;
        }
        bodyTaken = true;
        downstream.handler(chunk -> log.bytesReceived += chunk.length());
        downstream.resume();
    }

    private void requestTimedOut() {
        requestTimer = -1;
        if (done || headSent) {
            return;
        }
        epoch++;
        if (call != null) {
            call.abort();
        }
        log.outcome = "request_timeout";
        log.detail = "no response within " + timeouts().request().toMillis() + " ms";
        replace(LocalReply.text(504, "upstream request timeout"));
        writeLocal();
    }

    private void clientGone() {
        // HTTP/2 reports the stream closed when the response ended normally too.
        if (done || downstream.response().ended()) {
            return;
        }
        epoch++;
        if (call != null) {
            call.abort();
        }
        if (!headSent || "upstream".equals(log.outcome)) {
            log.outcome = "client_closed";
        }
        finish();
    }

    private void cancelRequestTimer() {
        if (requestTimer >= 0) {
            env.vertx().cancelTimer(requestTimer);
            requestTimer = -1;
        }
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        cancelRequestTimer();
        for (FilterLink link : invoked) {
            try {
                link.filter().onComplete(ctx);
            } catch (Throwable t) {
                env.failures().record(link.name());
                LOG.debug("filter {} failed in onComplete", link.name(), t);
            }
        }
        AccessRecord record = record();
        if (upstreamSpan != RequestTrace.UpstreamSpan.NONE) {
            // A try still waiting for its answer (client gone, request timeout) ends with the exchange.
            upstreamSpan.end(0, "no answer: " + log.outcome);
        }
        trace.end(record.status(), log.outcome);
        env.accessLog().log(record);
        env.metrics().exchangeEnded();
        env.inFlight().exit();
        // After the exit: whatever the meters do, the runtime's count of exchanges stays right.
        meters.record(record.status(), log.elapsedNanos());
    }

    private AccessRecord record() {
        int status = headSent ? downstream.response().getStatusCode() : 0;
        if (call != null && replyBody == null) {
            log.bytesSent = call.bytesToClient();
        }
        return log.record(downstream, ctx.requestHead(), status, route.name(), cluster == null ? null : cluster.name(),
                call == null ? null : call.endpoint());
    }

    /** Runs {@code action}; an exception (a bug of ours) ends the exchange with a 500 or a reset. */
    private void guarded(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            LOG.error("exchange on route {} failed", route.name(), t);
            if (done) {
                return;
            }
            epoch++;
            if (call != null) {
                call.abort();
            }
            log.outcome = "internal_error";
            log.detail = t.toString();
            if (!headSent) {
                try {
                    replace(LocalReply.text(500, "internal error"));
                    writeLocal();
                    return;
                } catch (Throwable second) {
                    LOG.debug("cannot write the 500", second);
                }
            }
            try {
                downstream.response().reset();
            } catch (Throwable ignored) {
                // The connection is already gone.
            }
            finish();
        }
    }
}
