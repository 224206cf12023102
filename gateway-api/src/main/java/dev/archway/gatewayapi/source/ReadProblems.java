package dev.archway.gatewayapi.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns Jackson and SnakeYAML exceptions into messages for people who write YAML, not Java:
 * {@code spec.listeners[0].port: cannot read "abc" as an integer}.
 */
final class ReadProblems {
    private static final List<Class<?>> INTEGERS = List.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Byte.class, byte.class, BigInteger.class);
    private static final List<Class<?>> NUMBERS = List.of(Double.class, double.class, Float.class, float.class,
            BigDecimal.class);

    private ReadProblems() {}

    static String describe(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            String path = fieldPath(mapping.getPath());
            String what = whatIsWrong(mapping);
            return path.isEmpty() ? what : path + ": " + what;
        }
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml) {
            return yamlSyntax(yaml);
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            return contextPath(parser.getParsingContext()) + ": appears twice in the same mapping";
        }
        return message;
    }

    /** A failure to read a file or directory, without the Java class names. */
    static String describeIo(Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** {@code spec.rules[0].matches[1].path}: names joined with dots, list indexes in brackets. */
    static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The same form of path as {@link #fieldPath}, for where a streaming parser stands. */
    static String contextPath(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                parts.add(0, (at.getParent() == null || at.getParent().inRoot() ? "" : ".") + at.getCurrentName());
            } else if (at.inArray()) {
                parts.add(0, "[" + Math.max(at.getCurrentIndex(), 0) + "]");
            }
        }
        return String.join("", parts);
    }

    /** What the parser stands on, as a YAML author would name it: {@code "abc"}, a list, a mapping. */
    static String describeToken(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        try {
            return switch (token) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "a mapping";
                case VALUE_STRING -> '"' + parser.getText() + '"';
                case VALUE_NULL -> "null";
                default -> parser.getText();
            };
        } catch (IOException e) {
            return token.asString() == null ? token.name() : token.asString();
        }
    }

    private static String whatIsWrong(JsonMappingException e) {
        if (e instanceof InvalidFormatException format) {
            Object value = format.getValue();
            String shown = value instanceof String text ? '"' + text + '"' : String.valueOf(value);
            return "cannot read " + shown + " as " + typeName(format.getTargetType());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field \"" + unknown.getPropertyName() + "\"";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && e.getProcessor() instanceof JsonParser parser) {
            return "cannot read " + describeToken(parser) + " as " + typeName(mismatch.getTargetType());
        }
        return firstLine(e.getOriginalMessage());
    }

    static String typeName(Class<?> type) {
        if (INTEGERS.contains(type)) {
            return "an integer";
        }
        if (NUMBERS.contains(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean (true or false)";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == IntOrString.class) {
            return "an integer or a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return "a mapping";
    }

    /** SnakeYAML's message spans several lines with a source excerpt; keep the sentence and position. */
    private static String yamlSyntax(org.yaml.snakeyaml.error.MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (e.getContext() == null) {
            return "invalid YAML: " + problem;
        }
        String context = e.getContext();
        if (e.getContextMark() != null) {
            context += " started at line " + (e.getContextMark().getLine() + 1)
                    + ", column " + (e.getContextMark().getColumn() + 1);
        }
        return "invalid YAML: " + problem + " (" + context + ")";
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "cannot read this document";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
