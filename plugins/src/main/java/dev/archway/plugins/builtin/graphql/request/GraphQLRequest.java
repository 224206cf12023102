package dev.archway.plugins.builtin.graphql.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archway.plugins.spi.RequestHead;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One GraphQL request as the GraphQL over HTTP spec carries it: the parameters of a GET query
 * string or of a POST {@code application/json} body.
 *
 * @param query the document text, or null when only a persisted query hash was sent
 * @param operationName the operation to run, or null
 * @param variables never null; numbers keep their JSON kind (integers stay Integer, Long or
 *     BigInteger; decimals are BigDecimal)
 * @param extensions never null
 * @param viaGet whether the request came as GET (which may only run queries)
 */
public record GraphQLRequest(String query, String operationName, Map<String, Object> variables,
        Map<String, Object> extensions, boolean viaGet) {

    public GraphQLRequest {
        variables = readOnly(variables);
        extensions = readOnly(extensions);
    }

    /**
     * Reads the request from its head and (for POST) its whole body.
     *
     * @param body the buffered body; ignored for GET, may be null
     * @throws GraphQLRequestException 405 for a method other than GET or POST, 415 for a POST that
     *     is not {@code application/json}, 413 when the body or query string is larger than
     *     {@code maxRequestBytes}, 400 when the parameters are malformed or there is neither a query
     *     nor a persisted query
     */
    public static GraphQLRequest parse(RequestHead head, Buffer body, int maxRequestBytes)
            throws GraphQLRequestException {
        checkHead(head, maxRequestBytes);
        GraphQLRequest request;
        if (head.method().equals("GET")) {
            request = QueryParams.read(head.query());
        } else {
            Buffer whole = body == null ? Buffer.buffer() : body;
            if (whole.length() > maxRequestBytes) {
                throw tooLarge("body", whole.length(), maxRequestBytes);
            }
            request = fromBody(whole);
        }
        if ((request.query == null || request.query.isEmpty()) && request.persistedQuery() == null) {
            throw badRequest("query: missing (expected: a GraphQL document, or extensions.persistedQuery with "
                    + "the sha256Hash of one)");
        }
        return request;
    }

    /**
     * The checks that need only the head, so that a filter can refuse a request before its body is
     * buffered: the method, a POST's content type and declared length, a GET's query string length.
     */
    public static void checkHead(RequestHead head, int maxRequestBytes) throws GraphQLRequestException {
        String method = head.method();
        if (method.equals("GET")) {
            String raw = head.query();
            if (raw != null && raw.length() > maxRequestBytes) {
                throw tooLarge("query string", raw.length(), maxRequestBytes);
            }
            // The gateway reads a GET from its query string only; a body it did not check must not
            // reach an upstream that reads GET bodies.
            if (declaredLength(head.headers().get("content-length")) > 0
                    || head.headers().contains("transfer-encoding")) {
                throw badRequest("body: a GET with a body (expected: GraphQL parameters in the query string only)");
            }
            return;
        }
        if (!method.equals("POST")) {
            throw new GraphQLRequestException(405, GraphQLErrorCodes.METHOD_NOT_ALLOWED,
                    "method " + method + " (expected: GET or POST)");
        }
        String contentType = head.headers().get("content-type");
        if (!isJson(contentType)) {
            throw new GraphQLRequestException(415, GraphQLErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "content-type: " + (contentType == null ? "missing" : contentType)
                            + " (expected: application/json, in UTF-8)");
        }
        long declared = declaredLength(head.headers().get("content-length"));
        if (declared > maxRequestBytes) {
            throw tooLarge("body", declared, maxRequestBytes);
        }
        // Some servers (express-graphql among them) also read GraphQL parameters from the URL of a
        // POST; the gateway checks the body only, so a query there would pass unchecked.
        for (String name : QueryParams.decode(head.query()).keySet()) {
            throw badRequest("query string: parameter " + name + " on a POST (expected: GraphQL parameters in the "
                    + "JSON body only)");
        }
    }

    /** {@code extensions.persistedQuery} as sent (a map when well-formed), or null. */
    public Object persistedQuery() {
        return extensions.get("persistedQuery");
    }

    private static GraphQLRequest fromBody(Buffer body) throws GraphQLRequestException {
        if (body.length() == 0) {
            throw badRequest("body: empty (expected: a JSON object with a query)");
        }
        JsonNode root = readJson("body", body.getBytes());
        if (!(root instanceof ObjectNode object)) {
            throw badRequest("body: " + kind(root) + " (expected: a JSON object with a query)");
        }
        return new GraphQLRequest(
                text(object.get("query"), "query"),
                text(object.get("operationName"), "operationName"),
                object(object.get("variables"), "variables"),
                object(object.get("extensions"), "extensions"),
                false);
    }

    /** Parses JSON text, turning every syntax problem into a 400 that names {@code field}. */
    static JsonNode readJson(String field, byte[] json) throws GraphQLRequestException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at " + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw badRequest(field + ": not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw badRequest(field + ": not readable as JSON: " + e.getMessage());
        }
    }

    static String text(JsonNode node, String field) throws GraphQLRequestException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw badRequest(field + ": " + kind(node) + " (expected: a string)");
        }
        return node.textValue();
    }

    static Map<String, Object> object(JsonNode node, String field) throws GraphQLRequestException {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!(node instanceof ObjectNode object)) {
            throw badRequest(field + ": " + kind(node) + " (expected: a JSON object)");
        }
        return Json.toMap(object);
    }

    /** What a JSON value is, in words, for messages (never the value: it may be large or secret). */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    static GraphQLRequestException badRequest(String message) {
        return new GraphQLRequestException(400, GraphQLErrorCodes.BAD_REQUEST, message);
    }

    private static GraphQLRequestException tooLarge(String what, long size, int max) {
        return new GraphQLRequestException(413, GraphQLErrorCodes.REQUEST_TOO_LARGE,
                what + ": " + size + " bytes (expected: at most " + max + ")");
    }

    /** {@code application/json}, with no charset or UTF-8 (the only encoding JSON allows on the wire). */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String charset = param.substring(eq + 1).trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long declaredLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the gateway's HTTP layer refuses a malformed length before filters run
        }
    }

    private static Map<String, Object> readOnly(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        // Not Map.copyOf: JSON null is a legal variable value and must survive.
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
