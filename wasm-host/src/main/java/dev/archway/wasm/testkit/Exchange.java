package dev.archway.wasm.testkit;

import dev.archway.plugins.spi.BodyMode;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.wasm.testkit.KitExchangeContext.KitRequest;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One request through the plugin under test. {@link #send()} runs the request phases (waiting
 * while the plugin pauses, e.g. for an http call), {@link #respond} the response phase and
 * {@link #complete()} the end of the exchange ({@code proxy_on_done}, {@code proxy_on_log}).
 */
public final class Exchange {
    private static final long WAIT_SECONDS = 10;

    private final HttpFilter filter;
    private final Context loop;
    private final KitExchangeContext ctx;
    private Buffer body;
    private LocalReply reply;
    private boolean forwarded;

    Exchange(HttpFilter filter, Context loop, String method, String pathAndQuery) {
        this.filter = filter;
        this.loop = loop;
        this.ctx = new KitExchangeContext(new KitRequest(method, "example.com", pathAndQuery), loop);
    }

    public Exchange header(String name, String value) {
        ctx.request().headers().add(name, value);
        return this;
    }

    public Exchange authority(String authority) {
        ctx.request().authority(authority);
        return this;
    }

    public Exchange remoteAddress(String address) {
        ctx.request().remoteAddress(address);
        return this;
    }

    /**
     * The certificate the client presented on its TLS connection, as an HTTPS listener with client
     * validation would report it ({@code connection.*} properties).
     */
    public Exchange clientCertificate(dev.archway.plugins.spi.ClientCertificate certificate) {
        ctx.request().clientCertificate(certificate);
        return this;
    }

    /** A request body: a plugin configured to buffer request bodies gets it whole, with end_of_stream. */
    public Exchange body(String text) {
        this.body = Buffer.buffer(text);
        ctx.request().headers().set("content-length", Integer.toString(body.length()));
        return this;
    }

    /** Runs the request through the plugin. */
    public Exchange send() {
        FilterStep step = run(() -> filter.onRequestHeaders(ctx));
        if (step instanceof FilterStep.Next && body != null && filter.requestBodyMode() == BodyMode.BUFFER) {
            step = run(() -> filter.onRequestBody(ctx, body));
        }
        if (step instanceof FilterStep.Reply r) {
            reply = r.reply();
        } else {
            forwarded = true;
        }
        return this;
    }

    /** Whether the request went on to the upstream (no local reply). */
    public boolean forwarded() {
        return forwarded;
    }

    /** The plugin's local reply, or null. */
    public LocalReply localReply() {
        return reply;
    }

    /** The request headers as the upstream would get them. */
    public MultiMap upstreamHeaders() {
        return ctx.request().headers();
    }

    /** The path (with query) as the upstream would get it. */
    public String upstreamPath() {
        String query = ctx.request().query();
        return query == null ? ctx.request().path() : ctx.request().path() + "?" + query;
    }

    /** The request body as the upstream would get it. */
    public String upstreamBody() {
        Buffer replaced = ctx.replacedBody();
        return replaced != null ? replaced.toString() : body == null ? "" : body.toString();
    }

    /**
     * The upstream answers with {@code status} and header name/value pairs; runs the response phase.
     */
    public Exchange respond(int status, String... headerPairs) {
        ctx.response().status(status);
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            ctx.response().headers().add(headerPairs[i], headerPairs[i + 1]);
        }
        FilterStep step = run(() -> filter.onResponseHeaders(ctx));
        if (step instanceof FilterStep.Reply r) {
            reply = r.reply();
        }
        return this;
    }

    /** The response status the client would get (after {@link #respond}). */
    public int responseStatus() {
        return reply != null ? reply.status() : ctx.response().status();
    }

    /** The response headers the client would get (after {@link #respond}). */
    public MultiMap responseHeaders() {
        return reply != null ? reply.headers() : ctx.response().headers();
    }

    /** Ends the exchange: the plugin's done/log/delete callbacks run. */
    public void complete() {
        run(() -> {
            filter.onComplete(ctx);
            return FilterStep.next();
        });
    }

    private FilterStep run(Supplier<FilterStep> phase) {
        CompletableFuture<FilterStep> answer = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                FilterStep step = phase.get();
                if (step instanceof FilterStep.Await await) {
                    await.future().onComplete(ar -> {
                        if (ar.succeeded()) {
                            answer.complete(ar.result());
                        } else {
                            answer.completeExceptionally(ar.cause());
                        }
                    });
                } else {
                    answer.complete(step);
                }
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        try {
            return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the plugin paused and did not resume within " + WAIT_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the phase failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
