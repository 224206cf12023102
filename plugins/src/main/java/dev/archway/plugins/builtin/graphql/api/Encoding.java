package dev.archway.plugins.builtin.graphql.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * How a template value is written in each part of a call. Values are JSON values: String, Number,
 * Boolean, Map, List (arguments, parent JSON, claims), a header's String, or {@link Keys}.
 */
final class Encoding {
    /** Reads answers into plain maps and lists, which the default fetchers read by key. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The keys of one batch call, the value of {@code {{ keys }}}. */
    record Keys(List<String> keys, String separator) {}

    private Encoding() {}

    /** Text of a scalar as it is; objects and arrays as compact JSON. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Map || value instanceof List) {
            return json(value);
        }
        return String.valueOf(value);
    }

    /** One path segment: a '/' in a value is encoded, so it never makes another segment. */
    static String pathValue(Object value) {
        return value instanceof Keys k ? joinEncoded(k) : percent(text(value));
    }

    /** A query component: '&', '=' and '+' in a value are encoded, so it stays one parameter. */
    static String queryValue(Object value) {
        return value instanceof Keys k ? joinEncoded(k) : percent(text(value));
    }

    /** A header value as it is; the caller refuses CR, LF and NUL. */
    static String headerValue(Object value) {
        return value instanceof Keys k ? String.join(k.separator(), k.keys()) : text(value);
    }

    /** A body value as JSON: strings quoted and escaped, a missing value as null, keys as an array. */
    static String jsonValue(Object value) {
        return json(value instanceof Keys k ? k.keys() : value);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Values come from JSON or GraphQL input, which always have a JSON form.
            throw new IllegalStateException("value has no JSON form: " + value.getClass().getName(), e);
        }
    }

    static Object readJson(byte[] bytes) throws IOException {
        return JSON.readValue(bytes, Object.class);
    }

    /**
     * Percent-encodes everything but the unreserved characters of RFC 3986 (letters, digits,
     * {@code - . _ ~}), byte by byte of the UTF-8 form; safe in a path segment and a query.
     */
    static String percent(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            if (!isUnreserved(text.charAt(i))) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
                for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    char c = (char) (b & 0xff);
                    if (isUnreserved(c)) {
                        out.append(c);
                    } else {
                        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                    }
                }
                break;
            }
        }
        return out == null ? text : out.toString();
    }

    private static String joinEncoded(Keys keys) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keys.keys().size(); i++) {
            if (i > 0) {
                out.append(keys.separator());
            }
            out.append(percent(keys.keys().get(i)));
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
