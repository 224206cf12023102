package dev.archway.plugins.builtin.graphql.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request whose persisted query the gateway answered for, rewritten for an upstream that may
 * know nothing of persisted queries: the full {@code query} goes in, and
 * {@code extensions.persistedQuery} comes out (an upstream without APQ would otherwise answer
 * {@code PersistedQueryNotSupported} although it has the query). Everything else the client sent
 * is kept as it was.
 */
public final class PersistedQueryRewrite {

    private PersistedQueryRewrite() {}

    /**
     * A POST body with {@code query} set. {@code body} must be one that {@link GraphQLRequest#parse}
     * accepted.
     */
    public static Buffer postBody(Buffer body, String query) throws GraphQLRequestException {
        JsonNode root = GraphQLRequest.readJson("body", body.getBytes());
        if (!(root instanceof ObjectNode object)) {
            throw GraphQLRequest.badRequest("body: " + GraphQLRequest.kind(root) + " (expected: a JSON object)");
        }
        object.put("query", query);
        if (object.get("extensions") instanceof ObjectNode extensions) {
            extensions.remove("persistedQuery");
            if (extensions.isEmpty()) {
                object.remove("extensions");
            }
        }
        try {
            return Buffer.buffer(Json.MAPPER.writeValueAsBytes(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written again", e);
        }
    }

    /**
     * A GET query string (raw, without {@code ?}) with {@code query} set, percent-encoded. Other
     * parameters keep their original encoding and order.
     */
    public static String queryString(String rawQuery, String query) throws GraphQLRequestException {
        Map<String, String> graphql = QueryParams.decode(rawQuery);
        List<String> kept = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (!name.equals("query") && !name.equals("extensions") && !pair.isEmpty()) {
                    kept.add(pair);
                }
            }
        }
        kept.add("query=" + encode(query));
        String extensions = graphql.get("extensions");
        if (extensions != null && !extensions.isEmpty()
                && GraphQLRequest.readJson("extensions", extensions.getBytes(StandardCharsets.UTF_8))
                        instanceof ObjectNode object) {
            object.remove("persistedQuery");
            if (!object.isEmpty()) {
                kept.add("extensions=" + encode(object.toString()));
            }
        }
        return String.join("&", kept);
    }

    /**
     * Form encoding with spaces as {@code %20}: both form decoders and plain percent-decoders read
     * that the same, while {@code +} would become a plus sign in the latter.
     */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
