package dev.archway.extauth.filter;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.filters.ExtAuthConfig;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.AttributeKey;
import dev.archway.plugins.spi.BodyMode;
import dev.archway.plugins.spi.FilterMetrics;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.sidekit.grpc.CallFailure;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks each request with the auth service before it goes upstream. Allowed: the service's header
 * edits go on the upstream request (and its response headers on the answer). Denied: the service's
 * status, headers and body go to the client. Service down, erroring or slower than the timeout:
 * {@code failOpen} lets the request through, otherwise the client gets {@code statusOnError}. The
 * request waits without holding its event loop; with {@code withRequestBody} the check waits for
 * the body (buffered, up to {@code maxBytes}).
 */
final class ExtAuthFilter implements HttpFilter {
    static final AttributeKey<AuthVerdict> VERDICT = AttributeKey.of("archway.extauth.verdict", AuthVerdict.class);

    private final ExtAuthConfig config;
    private final SharedResources.Lease<AuthClients> clients;
    private final FilterMetrics metrics;
    private final long timeoutMillis;
    private final AtomicInteger nextEndpoint = new AtomicInteger();

    ExtAuthFilter(ExtAuthConfig config, SharedResources.Lease<AuthClients> clients, FilterMetrics metrics) {
        this.config = requireNonNull(config, "config");
        this.clients = requireNonNull(clients, "clients");
        this.metrics = requireNonNull(metrics, "metrics");
        this.timeoutMillis = Math.max(1, config.timeout().toMillis());
    }

    @Override
    public BodyMode requestBodyMode() {
        return config.body() == null ? BodyMode.STREAM : BodyMode.BUFFER;
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        return config.body() == null ? check(ctx, null, false) : FilterStep.next();
    }

    @Override
    public FilterStep onRequestBody(HttpFilterContext ctx, Buffer body) {
        if (config.body() == null) {
            return FilterStep.next();
        }
        boolean partial = body.length() > config.body().maxBytes();
        if (partial && !config.body().allowPartial()) {
            metrics.denied("body_too_large");
            return FilterStep.reply(LocalReply.text(413, "request body exceeds " + config.body().maxBytes() + " bytes"));
        }
        return check(ctx, partial ? body.getBuffer(0, config.body().maxBytes()) : body, partial);
    }

    @Override
    public FilterStep onResponseHeaders(HttpFilterContext ctx) {
        AuthVerdict verdict = ctx.attributes().get(VERDICT);
        if (verdict != null) {
            verdict.applyToClient(ctx.response().headers());
        }
        return FilterStep.next();
    }

    @Override
    public void close() {
        clients.release();
    }

    private FilterStep check(HttpFilterContext ctx, Buffer body, boolean partial) {
        EndpointIr endpoint = nextEndpoint();
        if (endpoint == null) {
            return failed(CallFailure.unavailable("the auth service of " + config.extension() + " has no ready endpoint"));
        }
        AuthClients c = clients.value();
        Future<AuthVerdict> call = config.http() == null
                ? GrpcCheck.call(c.vertx, c.grpc, endpoint, CheckRequests.of(ctx, config, body, partial), timeoutMillis)
                : HttpCheck.call(c.vertx, c.http, endpoint, config, ctx.request(), body, timeoutMillis);
        return FilterStep.await(call.transform(done -> Future.succeededFuture(decide(ctx, done))));
    }

    private FilterStep decide(HttpFilterContext ctx, AsyncResult<AuthVerdict> done) {
        if (done.failed()) {
            return failed(done.cause() instanceof CallFailure f ? f : CallFailure.error(String.valueOf(done.cause())));
        }
        AuthVerdict verdict = done.result();
        if (!verdict.allowed()) {
            metrics.denied("denied");
            return FilterStep.reply(verdict.denial());
        }
        metrics.allowed();
        verdict.applyToUpstream(ctx.request().headers());
        if (!verdict.clientHeaders().isEmpty()) {
            ctx.attributes().set(VERDICT, verdict);
        }
        return FilterStep.next();
    }

    private FilterStep failed(CallFailure failure) {
        metrics.failed(failure.reason());
        if (config.failOpen()) {
            return FilterStep.next();
        }
        return FilterStep.reply(LocalReply.text(config.statusOnError(), "authorization check failed"));
    }

    private EndpointIr nextEndpoint() {
        List<EndpointIr> endpoints = config.service();
        return endpoints.isEmpty() ? null : endpoints.get(Math.floorMod(nextEndpoint.getAndIncrement(), endpoints.size()));
    }
}
