package dev.archway.plugins.builtin.graphql.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersistedQueryRewriteTest {
    private static final String PQ = "{\"version\":1,\"sha256Hash\":\"abc\"}";

    @Test
    void postBodyGetsTheQueryAndLosesOnlyThePersistedQuery() throws Exception {
        Buffer body = Buffer.buffer("{\"operationName\":\"Q\",\"variables\":{\"n\":1.10,\"i\":3},"
                + "\"extensions\":{\"persistedQuery\":" + PQ + ",\"trace\":true},\"id\":\"client-id\"}");

        JsonObject rewritten = new JsonObject(PersistedQueryRewrite.postBody(body, "query Q { a }"));

        assertThat(rewritten.getString("query")).isEqualTo("query Q { a }");
        assertThat(rewritten.getString("operationName")).isEqualTo("Q");
        assertThat(rewritten.getJsonObject("variables").getValue("i")).isEqualTo(3);
        assertThat(rewritten.getJsonObject("variables").getNumber("n").doubleValue()).isEqualTo(1.1);
        assertThat(rewritten.getJsonObject("extensions").fieldNames()).containsExactly("trace");
        assertThat(rewritten.getString("id")).isEqualTo("client-id");
    }

    @Test
    void postBodyDropsExtensionsThatHeldOnlyThePersistedQuery() throws Exception {
        Buffer body = Buffer.buffer("{\"extensions\":{\"persistedQuery\":" + PQ + "}}");

        JsonObject rewritten = new JsonObject(PersistedQueryRewrite.postBody(body, "{ a }"));

        assertThat(rewritten.fieldNames()).containsExactly("query");
    }

    @Test
    void queryStringGetsThePercentEncodedQueryAndKeepsOtherParameters() throws Exception {
        String raw = "operationName=Q&extensions=" + URLEncoder.encode("{\"persistedQuery\":" + PQ + ",\"x\":1}",
                StandardCharsets.UTF_8) + "&tenant=a%20b";

        String rewritten = PersistedQueryRewrite.queryString(raw, "query Q { a(s: \"x+y & z\") }");

        assertThat(rewritten).startsWith("operationName=Q&tenant=a%20b&query=query%20Q%20%7B");
        GraphQLRequest reread = GraphQLRequest.parse(TestRequest.get("http://h/graphql?" + rewritten), null, 10_000);
        assertThat(reread.query()).isEqualTo("query Q { a(s: \"x+y & z\") }");
        assertThat(reread.operationName()).isEqualTo("Q");
        assertThat(reread.extensions()).containsOnlyKeys("x");
    }
}
