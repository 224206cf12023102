package dev.archway.plugins.builtin.graphql.api;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.plugins.builtin.graphql.guard.GuardResult;
import dev.archway.plugins.builtin.graphql.guard.QueryGuard;
import dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes;
import dev.archway.plugins.builtin.graphql.request.GraphQLReplies;
import dev.archway.plugins.builtin.graphql.request.GraphQLRequest;
import dev.archway.plugins.builtin.graphql.request.GraphQLRequestException;
import dev.archway.plugins.builtin.jwt.JwtAttributes;
import dev.archway.plugins.builtin.jwt.JwtPrincipal;
import dev.archway.plugins.share.SharedResources;
import dev.archway.plugins.spi.BodyMode;
import dev.archway.plugins.spi.FilterMetrics;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import dev.archway.plugins.spi.RequestHead;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Serves a GraphQLApi: every request of the rule is answered here, never forwarded. The request is
 * parsed (GraphQL over HTTP), checked by the guard (limits, persisted queries) and then executed,
 * its fields resolved by REST calls; the wait is an {@code await}, so the event loop is free.
 */
final class GraphQLApiFilter implements HttpFilter {
    private final GraphQLProtectionConfig protection;
    private final SharedResources.Lease<QueryGuard> guardLease;
    private final QueryGuard guard;
    private final GraphQLExecutor executor;
    private final FilterMetrics metrics;

    GraphQLApiFilter(GraphQLProtectionConfig protection, SharedResources.Lease<QueryGuard> guard,
            GraphQLExecutor executor, FilterMetrics metrics) {
        this.protection = requireNonNull(protection, "protection");
        this.guardLease = requireNonNull(guard, "guard");
        this.guard = guard.value();
        this.executor = requireNonNull(executor, "executor");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public BodyMode requestBodyMode() {
        return BodyMode.BUFFER;
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        try {
            // A method, media type or declared length that cannot pass is refused before the body is read.
            GraphQLRequest.checkHead(ctx.request(), protection.maxRequestBytes());
            return FilterStep.next();
        } catch (GraphQLRequestException e) {
            return refuse(e.code(), GraphQLReplies.error(accept(ctx.request()), e));
        }
    }

    @Override
    public FilterStep onRequestBody(HttpFilterContext ctx, Buffer body) {
        RequestHead head = ctx.request();
        String accept = accept(head);
        GraphQLRequest request;
        try {
            request = GraphQLRequest.parse(head, head.method().equals("GET") ? null : body,
                    protection.maxRequestBytes());
        } catch (GraphQLRequestException e) {
            return refuse(e.code(), GraphQLReplies.error(accept, e));
        }
        GuardResult checked;
        try {
            checked = guard.check(request);
        } catch (RuntimeException e) {
            // A fault of the gateway, not of the request: answered and counted, never thrown at the chain.
            metrics.failed("internal");
            return FilterStep.reply(GraphQLReplies.error(accept, 500, GraphQLErrorCodes.INTERNAL_SERVER_ERROR,
                    "the gateway failed to check this GraphQL request"));
        }
        if (checked instanceof GuardResult.Rejected rejected) {
            return refuse(rejected.code(), rejected.reply(accept));
        }
        GuardResult.Accepted accepted = (GuardResult.Accepted) checked;
        JwtPrincipal principal = ctx.attributes().get(JwtAttributes.PRINCIPAL);
        ExecutionRequest execution = new ExecutionRequest(accepted.document(), accepted.query(),
                request.operationName(), request.variables(), head.headers(),
                principal == null ? null : principal.claims(), ctx.eventLoop());
        return FilterStep.await(executor.execute(execution)
                .map(result -> {
                    metrics.allowed();
                    return FilterStep.reply(GraphQLReplies.result(accept, result));
                })
                .recover(failure -> {
                    // A fault of the gateway (the executor turns backend failures into field errors).
                    metrics.failed("internal");
                    return io.vertx.core.Future.succeededFuture(FilterStep.reply(GraphQLReplies.error(accept, 500,
                            GraphQLErrorCodes.INTERNAL_SERVER_ERROR, "the gateway failed to run this query")));
                }));
    }

    @Override
    public void close() {
        guardLease.release();
    }

    private FilterStep refuse(String code, LocalReply reply) {
        metrics.denied(GraphQLErrorCodes.metricReason(code));
        return FilterStep.reply(reply);
    }

    private static String accept(RequestHead head) {
        List<String> values = head.headers().getAll("accept");
        return values.isEmpty() ? null : String.join(",", values);
    }
}
