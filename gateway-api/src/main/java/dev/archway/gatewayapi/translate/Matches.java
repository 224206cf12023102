package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.HeaderMatchIr;
import dev.archway.gatewayapi.ir.PathMatchIr;
import dev.archway.gatewayapi.ir.PathMatchType;
import dev.archway.gatewayapi.ir.QueryParamMatchIr;
import dev.archway.gatewayapi.ir.StringMatchType;
import java.util.Locale;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** Validation and normalization of match conditions; an invalid one is reported, not thrown. */
final class Matches {
    /** A converted condition, or the problem with it. */
    record Checked<T>(T value, String problem) {}

    private Matches() {}

    static Checked<PathMatchIr> path(String type, String value, String at) {
        String t = type == null ? "PathPrefix" : type;
        String v = value == null ? "/" : value;
        switch (t) {
            case "Exact", "PathPrefix" -> {
                if (!v.startsWith("/")) {
                    return new Checked<>(null, at + ".value: " + v + " must start with /");
                }
                if (v.contains("//") || v.contains("/../") || v.endsWith("/..") || v.contains("?") || v.contains("#")) {
                    return new Checked<>(null, at + ".value: " + v + " is not a valid path");
                }
                if (t.equals("Exact")) {
                    return new Checked<>(new PathMatchIr(PathMatchType.EXACT, v), null);
                }
                String prefix = v.length() > 1 && v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
                return new Checked<>(new PathMatchIr(PathMatchType.PREFIX, prefix), null);
            }
            case "RegularExpression" -> {
                String problem = regexProblem(v, at + ".value");
                return problem == null ? new Checked<>(new PathMatchIr(PathMatchType.REGEX, v), null) : new Checked<>(null, problem);
            }
            default -> {
                return new Checked<>(null, at + ".type: " + t + " is not supported (expected: Exact, PathPrefix or RegularExpression)");
            }
        }
    }

    static Checked<HeaderMatchIr> header(String type, String name, String value, String at) {
        Checked<StringMatchType> t = stringType(type, value, at);
        if (t.problem() != null) {
            return new Checked<>(null, t.problem());
        }
        if (name == null || name.isEmpty()) {
            return new Checked<>(null, at + ".name: required");
        }
        return new Checked<>(new HeaderMatchIr(name.toLowerCase(Locale.ROOT), t.value(), value == null ? "" : value), null);
    }

    static Checked<QueryParamMatchIr> query(String type, String name, String value, String at) {
        Checked<StringMatchType> t = stringType(type, value, at);
        if (t.problem() != null) {
            return new Checked<>(null, t.problem());
        }
        if (name == null || name.isEmpty()) {
            return new Checked<>(null, at + ".name: required");
        }
        return new Checked<>(new QueryParamMatchIr(name, t.value(), value == null ? "" : value), null);
    }

    private static Checked<StringMatchType> stringType(String type, String value, String at) {
        String t = type == null ? "Exact" : type;
        return switch (t) {
            case "Exact" -> new Checked<>(StringMatchType.EXACT, null);
            case "RegularExpression" -> {
                String problem = regexProblem(value == null ? "" : value, at + ".value");
                yield problem == null ? new Checked<>(StringMatchType.REGEX, null) : new Checked<>(null, problem);
            }
            default -> new Checked<>(null, at + ".type: " + t + " is not supported (expected: Exact or RegularExpression)");
        };
    }

    private static String regexProblem(String regex, String at) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return at + ": invalid regular expression " + regex + " (" + e.getDescription() + ")";
        }
    }
}
