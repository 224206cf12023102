package dev.archway.plugins.builtin.graphql.api;

import java.util.List;
import java.util.Map;

/** Walking dotted paths through JSON values (maps, lists, scalars). */
final class JsonPaths {

    private JsonPaths() {}

    /**
     * The value at {@code path} under {@code json}: a segment selects a map's key, or, when it is a
     * number, a list's element; null when any step is absent.
     */
    static Object select(Object json, List<String> path) {
        Object current = json;
        for (String segment : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
            } else if (current instanceof List<?> list && isIndex(segment)) {
                int index = Integer.parseInt(segment);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /**
     * A claim by name: a top-level claim with exactly that name first (names such as
     * {@code https://example.com/roles} contain dots), else the dotted path through nested objects,
     * as the JWT filter reads claims.
     */
    static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        return select(claims, List.of(name.split("\\.", -1)));
    }

    /** A dotted path as segments; null or blank: no path (the whole value). */
    static List<String> parse(String dotted) {
        if (dotted == null || dotted.isBlank()) {
            return List.of();
        }
        return List.of(dotted.strip().split("\\.", -1));
    }

    private static boolean isIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
