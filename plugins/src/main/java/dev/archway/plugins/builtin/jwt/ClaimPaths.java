package dev.archway.plugins.builtin.jwt;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.archway.plugins.builtin.internal.HttpSyntax;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading claims by dotted path, rendering them as header values, and matching required claims. */
final class ClaimPaths {

    private ClaimPaths() {}

    /**
     * The claim at {@code path}: a top-level claim with exactly that name first (claim names such
     * as {@code https://example.com/roles} contain dots), else the dotted path through nested
     * objects ({@code org.id}); null when absent.
     */
    static Object find(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String part : path.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /**
     * A claim as a header value: strings as they are, numbers and booleans as text, arrays and
     * objects as compact JSON; null when absent or when it would not be a safe single-line value.
     */
    @SuppressWarnings("unchecked")
    static String headerValue(Object claim) {
        String text;
        if (claim == null) {
            return null;
        } else if (claim instanceof Map<?, ?> map) {
            text = JSONObjectUtils.toJSONString((Map<String, ?>) map);
        } else if (claim instanceof List<?> list) {
            text = JSONArrayUtils.toJSONString(list);
        } else {
            text = claim.toString();
        }
        return HttpSyntax.hasLineBreakOrNul(text) ? null : text;
    }

    /**
     * Whether {@code claim} satisfies a required claim: present when {@code values} is empty; else
     * equal to one of them, or for an array (or, for a claim named {@code scope} or {@code scp}, a space-separated string)
     * having one item equal to one of them.
     */
    static boolean holds(String name, Object claim, List<String> values) {
        if (claim == null) {
            return false;
        }
        if (values.isEmpty()) {
            return true;
        }
        if (claim instanceof List<?> list) {
            for (Object item : list) {
                if (item != null && !(item instanceof Map) && !(item instanceof List)
                        && values.contains(item.toString())) {
                    return true;
                }
            }
            return false;
        }
        if (claim instanceof Map) {
            return false;
        }
        String text = claim.toString();
        if (values.contains(text)) {
            return true;
        }
        // Only scope claims are space-separated lists (RFC 8693 4.2); splitting any other string
        // would let "guest admin" pass a rule asking for "admin".
        if (claim instanceof String && isScope(name) && text.indexOf(' ') >= 0) {
            for (String item : text.split(" ")) {
                if (!item.isEmpty() && values.contains(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A deep, unmodifiable copy: a principal is cached and shared by concurrent requests. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> freeze(Map<String, Object> claims) {
        Map<String, Object> copy = new LinkedHashMap<>();
        claims.forEach((name, value) -> copy.put(name, freezeValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freeze((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(freezeValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static boolean isScope(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.equals("scope") || last.equals("scp");
    }
}
