package dev.archway.gatewayapi.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI v3 schema (structural, as CRDs require) of a model type: records become objects
 * with one property per component under its JSON name, lists arrays, maps objects with
 * {@code additionalProperties}, boxed scalars their types, and free-form JSON ({@link JsonNode},
 * {@link Object}) {@code x-kubernetes-preserve-unknown-fields}.
 */
final class OpenApiSchemas {
    private OpenApiSchemas() {}

    static Map<String, Object> of(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return map("type", "array", "items", of(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return map("type", "object", "additionalProperties", of(arguments[1]));
            }
            throw new IllegalArgumentException("no schema for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return map("type", "string");
        }
        if (c == Integer.class || c == int.class) {
            return map("type", "integer", "format", "int32");
        }
        if (c == Long.class || c == long.class) {
            return map("type", "integer", "format", "int64");
        }
        if (c == Boolean.class || c == boolean.class) {
            return map("type", "boolean");
        }
        if (c == Double.class || c == double.class) {
            return map("type", "number");
        }
        if (c.isEnum()) {
            return map("type", "string", "enum", java.util.Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
        }
        if (JsonNode.class.isAssignableFrom(c) || c == Object.class) {
            return map("x-kubernetes-preserve-unknown-fields", true);
        }
        if (c.isRecord()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (RecordComponent component : c.getRecordComponents()) {
                properties.put(jsonName(component), of(component.getGenericType()));
            }
            return map("type", "object", "properties", properties);
        }
        throw new IllegalArgumentException("no schema for " + c.getName() + " (expected a record, list, map or scalar)");
    }

    /** The name Jackson reads a component under: its {@code @JsonProperty}, else its own name. */
    static String jsonName(RecordComponent component) {
        JsonProperty onAccessor = component.getAccessor().getAnnotation(JsonProperty.class);
        if (onAccessor != null && !onAccessor.value().isEmpty()) {
            return onAccessor.value();
        }
        JsonProperty onComponent = component.getAnnotation(JsonProperty.class);
        return onComponent != null && !onComponent.value().isEmpty() ? onComponent.value() : component.getName();
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
