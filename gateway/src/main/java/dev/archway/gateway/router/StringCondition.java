package dev.archway.gateway.router;

import dev.archway.gatewayapi.ir.StringMatchType;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** One header or query condition with its regex compiled at build time. */
final class StringCondition {
    final String name;
    private final StringMatchType type;
    private final String value;
    private final Pattern pattern;

    private StringCondition(String name, StringMatchType type, String value, Pattern pattern) {
        this.name = name;
        this.type = type;
        this.value = value;
        this.pattern = pattern;
    }

    /**
     * @param field names the condition in errors, e.g. {@code httproute/ns/r/rule/0/match/0 headers[x-a]}
     * @throws IllegalArgumentException when the regex does not compile
     */
    static StringCondition compile(String field, String name, StringMatchType type, String value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException(field + ": name and value are required");
        }
        StringMatchType effective = type == null ? StringMatchType.EXACT : type;
        Pattern pattern = null;
        if (effective == StringMatchType.REGEX) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(field + ": regex '" + value + "' does not compile: "
                        + e.getDescription(), e);
            }
        }
        return new StringCondition(name, effective, value, pattern);
    }

    boolean test(String actual) {
        if (actual == null) {
            return false;
        }
        return pattern != null ? pattern.matcher(actual).matches() : value.equals(actual);
    }

    String describe() {
        return type == StringMatchType.REGEX ? "~ /" + value + "/" : "= '" + value + "'";
    }
}
