package dev.archway.plugins.builtin.graphql.protect;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig.PersistedQueryMode;
import dev.archway.plugins.builtin.graphql.guard.GuardResult;
import dev.archway.plugins.builtin.graphql.guard.QueryGuard;
import dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes;
import dev.archway.plugins.builtin.graphql.request.GraphQLReplies;
import dev.archway.plugins.builtin.graphql.request.GraphQLRequest;
import dev.archway.plugins.builtin.graphql.request.GraphQLRequestException;
import dev.archway.plugins.builtin.graphql.request.PersistedQueryRewrite;
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
 * Parses and guards each GraphQL request; refusals are answered here, everything else goes on to
 * the upstream. A GET is decided with its headers; a POST once its body is buffered (its method,
 * media type and declared length are checked first, so a body that cannot pass is not read).
 *
 * <p>When the gateway answered for a persisted query (APQ or allow-list), the upstream gets the
 * full query and no {@code extensions.persistedQuery}: it may not know APQ at all.
 */
final class GraphQLProtectionFilter implements HttpFilter {
    private final GraphQLProtectionConfig config;
    private final SharedResources.Lease<QueryGuard> lease;
    private final QueryGuard guard;
    private final FilterMetrics metrics;

    GraphQLProtectionFilter(GraphQLProtectionConfig config, SharedResources.Lease<QueryGuard> guard,
            FilterMetrics metrics) {
        this.config = requireNonNull(config, "config");
        this.lease = requireNonNull(guard, "guard");
        this.guard = guard.value();
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public void close() {
        lease.release();
    }

    @Override
    public BodyMode requestBodyMode() {
        return BodyMode.BUFFER;
    }

    @Override
    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
        RequestHead head = ctx.request();
        try {
            GraphQLRequest.checkHead(head, config.maxRequestBytes());
            if (!head.method().equals("GET")) {
                return FilterStep.next();
            }
            return decide(ctx, GraphQLRequest.parse(head, null, config.maxRequestBytes()), null);
        } catch (GraphQLRequestException e) {
            return refuse(e.code(), GraphQLReplies.error(accept(head), e));
        } catch (RuntimeException e) {
            return internalError(ctx);
        }
    }

    @Override
    public FilterStep onRequestBody(HttpFilterContext ctx, Buffer body) {
        RequestHead head = ctx.request();
        if (head.method().equals("GET")) {
            return FilterStep.next(); // decided with the headers
        }
        try {
            return decide(ctx, GraphQLRequest.parse(head, body, config.maxRequestBytes()), body);
        } catch (GraphQLRequestException e) {
            return refuse(e.code(), GraphQLReplies.error(accept(head), e));
        } catch (RuntimeException e) {
            return internalError(ctx);
        }
    }

    /** @param body the POST body, or null for GET */
    private FilterStep decide(HttpFilterContext ctx, GraphQLRequest request, Buffer body)
            throws GraphQLRequestException {
        GuardResult result = guard.check(request);
        if (result instanceof GuardResult.Rejected rejected) {
            return refuse(rejected.code(), rejected.reply(accept(ctx.request())));
        }
        GuardResult.Accepted accepted = (GuardResult.Accepted) result;
        if (request.persistedQuery() != null && config.persistedQueries() != PersistedQueryMode.DISABLED) {
            if (body == null) {
                RequestHead head = ctx.request();
                head.query(PersistedQueryRewrite.queryString(head.query(), accepted.query()));
            } else {
                ctx.replaceRequestBody(PersistedQueryRewrite.postBody(body, accepted.query()));
            }
        }
        metrics.allowed();
        return FilterStep.next();
    }

    private FilterStep refuse(String code, LocalReply reply) {
        metrics.denied(GraphQLErrorCodes.metricReason(code));
        return FilterStep.reply(reply);
    }

    /** A fault of the gateway, not of the request: refused (fail closed) and counted apart. */
    private FilterStep internalError(HttpFilterContext ctx) {
        metrics.failed("internal");
        return FilterStep.reply(GraphQLReplies.error(accept(ctx.request()), 500, GraphQLErrorCodes.INTERNAL_SERVER_ERROR,
                "the gateway failed to check this GraphQL request"));
    }

    private static String accept(RequestHead head) {
        List<String> values = head.headers().getAll("accept");
        return values.isEmpty() ? null : String.join(",", values);
    }
}
