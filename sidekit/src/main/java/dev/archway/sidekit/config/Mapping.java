package dev.archway.sidekit.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One YAML mapping being read field by field. Every field read is remembered, so that
 * {@link #rejectUnknown()} can name the rest: a misspelt field is an error, never silently
 * ignored. Problems carry the field path ({@code spec.configs[0].name}).
 */
public final class Mapping {
    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> read = new HashSet<>();

    private Mapping(String path, JsonNode node, List<String> problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /** The mapping at {@code path}, or null (and a problem) when {@code node} is something else. */
    public static Mapping of(String path, JsonNode node, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(path + ": " + describe(node) + " is not a mapping (expected: a mapping of fields)");
            return null;
        }
        return new Mapping(path, node, problems);
    }

    public String path() {
        return path;
    }

    public String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public void problem(String field, String message) {
        problems.add(pathOf(field) + ": " + message);
    }

    /** The field's node, or null when it is absent or written without a value. */
    public JsonNode field(String name) {
        read.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** A string field; {@code expected} completes the message when it is missing or not a string. */
    public String string(String name, boolean required, String expected) {
        JsonNode value = field(name);
        if (value == null) {
            if (required) {
                problem(name, "missing (expected: " + expected + ")");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(name, describe(value) + " is not a string (expected: " + expected + ")");
            return null;
        }
        if (value.textValue().isEmpty()) {
            problem(name, "empty (expected: " + expected + ")");
            return null;
        }
        return value.textValue();
    }

    /** A boolean field; absent is false. */
    public boolean bool(String name) {
        JsonNode value = field(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            problem(name, describe(value) + " is not a boolean (expected: true or false)");
            return false;
        }
        return value.booleanValue();
    }

    /** A whole number field in {@code [min, max]}, or null when absent or wrong. */
    public Long integer(String name, long min, long max) {
        JsonNode value = field(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(name, describe(value) + " is not an integer (expected: " + min + " to " + max + ")");
            return null;
        }
        long number = value.longValue();
        if (number < min || number > max) {
            problem(name, number + " is out of range (expected: " + min + " to " + max + ")");
            return null;
        }
        return number;
    }

    /** A nested mapping, or null when absent or not a mapping. */
    public Mapping mapping(String name) {
        JsonNode value = field(name);
        return value == null ? null : of(pathOf(name), value, problems);
    }

    /** The items of a list field (empty when absent), each with its path. */
    public List<Item> list(String name) {
        JsonNode value = field(name);
        List<Item> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (!value.isArray()) {
            problem(name, describe(value) + " is not a list (expected: a list of mappings)");
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            items.add(new Item(pathOf(name) + "[" + i + "]", i, value.get(i)));
        }
        return items;
    }

    public record Item(String path, int index, JsonNode node) {}

    /** A mapping of non-empty strings to strings (empty when absent), in file order. */
    public Map<String, String> stringMap(String name, String expected) {
        JsonNode value = field(name);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null) {
            return map;
        }
        if (!value.isObject()) {
            problem(name, describe(value) + " is not a mapping (expected: " + expected + ")");
            return map;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode item = entry.getValue();
            if (entry.getKey().isEmpty() || item == null || !item.isValueNode() || item.isNull()) {
                problems.add(pathOf(name) + "." + entry.getKey() + ": " + describe(item)
                        + " is not a string (expected: " + expected + ")");
            } else {
                map.put(entry.getKey(), item.asText());
            }
        }
        return map;
    }

    /** A list of non-empty strings (empty when absent), in file order. */
    public List<String> stringList(String name, String expected) {
        JsonNode value = field(name);
        List<String> list = new ArrayList<>();
        if (value == null) {
            return list;
        }
        if (!value.isArray()) {
            problem(name, describe(value) + " is not a list (expected: " + expected + ")");
            return list;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.textValue().isEmpty()) {
                problems.add(pathOf(name) + "[" + i + "]: " + describe(item) + " is not a name (expected: " + expected + ")");
            } else {
                list.add(item.textValue());
            }
        }
        return list;
    }

    /** Names every field that no read asked for. */
    public void rejectUnknown(String expected) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!read.contains(name)) {
                problem(name, "unknown field (expected: " + expected + ")");
            }
        }
    }

    /** A value as the YAML author wrote it: {@code "abc"}, {@code 5}, a list, a mapping. */
    public static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return '"' + node.textValue() + '"';
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.asText();
    }
}
