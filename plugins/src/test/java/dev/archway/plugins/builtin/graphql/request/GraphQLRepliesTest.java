package dev.archway.plugins.builtin.graphql.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphQLRepliesTest {
    private static final String NEW = "application/graphql-response+json, application/json;q=0.9";
    private static final String LEGACY = "application/json";

    @Test
    void errorBodyHasTheSpecShape() {
        LocalReply reply = GraphQLReplies.error(LEGACY, 400, GraphQLErrorCodes.MAX_DEPTH_EXCEEDED,
                "query depth 12 exceeds the limit of 8");

        JsonObject body = new JsonObject(reply.body());
        assertThat(body.fieldNames()).containsExactly("errors");
        JsonObject error = body.getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("message")).isEqualTo("query depth 12 exceeds the limit of 8");
        assertThat(error.getJsonObject("extensions").getString("code")).isEqualTo("MAX_DEPTH_EXCEEDED");
    }

    @Test
    void graphqlResponseJsonClientsGet4xxForRequestErrors() {
        LocalReply reply = GraphQLReplies.error(NEW, 400, GraphQLErrorCodes.GRAPHQL_PARSE_FAILED, "Syntax error at 1:3");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.headers().get("content-type")).isEqualTo("application/graphql-response+json; charset=utf-8");
        assertThat(reply.headers().get("vary")).isEqualTo("accept");
    }

    @Test
    void applicationJsonClientsGet200ForRequestErrors() {
        for (String accept : new String[] {LEGACY, null, "*/*", "application/graphql-response+json;q=0"}) {
            LocalReply reply = GraphQLReplies.error(accept, 400, GraphQLErrorCodes.MAX_COMPLEXITY_EXCEEDED, "too complex");

            assertThat(reply.status()).as(String.valueOf(accept)).isEqualTo(200);
            assertThat(reply.headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
        }
    }

    @Test
    void httpLevelErrorsKeepTheir4xxForEveryClient() {
        for (String accept : new String[] {NEW, LEGACY}) {
            assertThat(GraphQLReplies.error(accept, new GraphQLRequestException(400, GraphQLErrorCodes.BAD_REQUEST,
                    "body: not valid JSON")).status()).isEqualTo(400);
            assertThat(GraphQLReplies.error(accept, 413, GraphQLErrorCodes.REQUEST_TOO_LARGE, "big").status())
                    .isEqualTo(413);
            assertThat(GraphQLReplies.error(accept, 400, GraphQLErrorCodes.PERSISTED_QUERY_HASH_MISMATCH,
                    GraphQLErrorCodes.PERSISTED_QUERY_HASH_MISMATCH_MESSAGE).status()).isEqualTo(400);
            LocalReply method = GraphQLReplies.error(accept, 405, GraphQLErrorCodes.METHOD_NOT_ALLOWED, "method PUT");
            assertThat(method.status()).isEqualTo(405);
            assertThat(method.headers().get("allow")).isEqualTo("GET, POST");
        }
    }

    @Test
    void persistedQueryNotFoundIs200ForEveryClientAndNeverCached() {
        for (String accept : new String[] {NEW, LEGACY}) {
            LocalReply reply = GraphQLReplies.error(accept, 200, GraphQLErrorCodes.PERSISTED_QUERY_NOT_FOUND,
                    GraphQLErrorCodes.PERSISTED_QUERY_NOT_FOUND_MESSAGE);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers().get("cache-control")).contains("no-cache");
            assertThat(new JsonObject(reply.body()).getJsonArray("errors").getJsonObject(0).getString("message"))
                    .isEqualTo("PersistedQueryNotFound");
        }
    }

    @Test
    void resultWithDataIs200AndWithoutDataIs400OnlyForGraphQLResponseJson() {
        Map<String, Object> withData = new LinkedHashMap<>();
        withData.put("data", Map.of("user", Map.of("id", 7)));
        withData.put("errors", List.of(Map.of("message", "partial")));
        Map<String, Object> requestError = Map.of("errors", List.of(Map.of("message", "Validation error")));

        LocalReply data = GraphQLReplies.result(NEW, withData);
        assertThat(data.status()).isEqualTo(200);
        JsonObject body = new JsonObject(data.body());
        assertThat(body.getJsonObject("data").getJsonObject("user").getValue("id")).isEqualTo(7);
        assertThat(body.getJsonArray("errors")).isEqualTo(new JsonArray().add(new JsonObject().put("message", "partial")));

        assertThat(GraphQLReplies.result(NEW, requestError).status()).isEqualTo(400);
        assertThat(GraphQLReplies.result(LEGACY, requestError).status()).isEqualTo(200);
    }

    @Test
    void nullDataStillCountsAsExecuted() {
        Map<String, Object> nullData = new LinkedHashMap<>();
        nullData.put("data", null);
        nullData.put("errors", List.of(Map.of("message", "boom")));

        LocalReply reply = GraphQLReplies.result(NEW, nullData);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(new JsonObject(reply.body()).containsKey("data")).isTrue();
    }
}
