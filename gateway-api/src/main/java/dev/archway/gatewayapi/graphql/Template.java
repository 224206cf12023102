package dev.archway.gatewayapi.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The small template language of GraphQLApi resolvers: literal text with {@code {{ expr }}}
 * holes, where {@code expr} is {@code args.a.b}, {@code parent.a.b}, {@code keys},
 * {@code header('name')} or {@code claim('a.b')}. No logic: a template only says where values go;
 * the caller says how each value is written (percent-encoded in a path, JSON in a body).
 *
 * <p>Parsed by the translator (errors become status) and again when the filter is built.
 */
public final class Template {
    /** Where a value comes from. */
    public enum Source {
        /** The field's arguments: {@code args.id}. */
        ARGS,
        /** The parent object's JSON: {@code parent.id}. */
        PARENT,
        /** A batch's keys joined: {@code keys}. */
        KEYS,
        /** A request header of the GraphQL request: {@code header('authorization')}. */
        HEADER,
        /** A claim of the verified JWT: {@code claim('sub')}. */
        CLAIM
    }

    /** One hole. For ARGS and PARENT {@code path} is the dotted path; for HEADER and CLAIM {@code name}. */
    public record Ref(Source source, List<String> path, String name) {
        public Ref {
            path = List.copyOf(path);
        }

        /** As written, e.g. {@code args.id}. */
        public String text() {
            return switch (source) {
                case ARGS -> "args." + String.join(".", path);
                case PARENT -> "parent." + String.join(".", path);
                case KEYS -> "keys";
                case HEADER -> "header('" + name + "')";
                case CLAIM -> "claim('" + name + "')";
            };
        }
    }

    private final String text;
    /** String (literal) or Ref, in order. */
    private final List<Object> parts;

    private Template(String text, List<Object> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** Parses {@code text}; a problem names its 1-based column. */
    public static Template parse(String text) throws TemplateException {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            int close = text.indexOf("}}", i);
            if (close >= 0 && (open < 0 || close < open)) {
                throw new TemplateException("'}}' without '{{'", close + 1);
            }
            if (open < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            int end = text.indexOf("}}", open + 2);
            if (end < 0) {
                throw new TemplateException("'{{' is not closed with '}}'", open + 1);
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(expression(text.substring(open + 2, end), open + 3));
            i = end + 2;
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new Template(text, parts);
    }

    private static Ref expression(String raw, int column) throws TemplateException {
        String e = raw.strip();
        int at = column + raw.indexOf(e.isEmpty() ? raw : e);
        if (e.isEmpty()) {
            throw new TemplateException("empty '{{ }}'", column);
        }
        if (e.equals("keys")) {
            return new Ref(Source.KEYS, List.of(), null);
        }
        for (Source s : new Source[] {Source.HEADER, Source.CLAIM}) {
            String fn = s.name().toLowerCase(java.util.Locale.ROOT);
            if (e.startsWith(fn + "(")) {
                if (!e.endsWith(")")) {
                    throw new TemplateException(fn + "(...) is not closed with ')'", at);
                }
                String arg = e.substring(fn.length() + 1, e.length() - 1).strip();
                if (arg.length() < 2 || (arg.charAt(0) != '\'' && arg.charAt(0) != '"')
                        || arg.charAt(arg.length() - 1) != arg.charAt(0)) {
                    throw new TemplateException(fn + "(...) takes one quoted name, e.g. " + fn + "('"
                            + (s == Source.HEADER ? "authorization" : "sub") + "')", at);
                }
                String name = arg.substring(1, arg.length() - 1);
                if (name.isEmpty() || name.indexOf('\'') >= 0 || name.indexOf('"') >= 0) {
                    throw new TemplateException(fn + "(...): the name must not be empty or contain quotes", at);
                }
                return new Ref(s, List.of(), s == Source.HEADER ? name.toLowerCase(java.util.Locale.ROOT) : name);
            }
        }
        String[] segments = e.split("\\.", -1);
        Source source = switch (segments[0]) {
            case "args" -> Source.ARGS;
            case "parent" -> Source.PARENT;
            default -> throw new TemplateException("unknown value '" + e + "' (expected args.NAME, parent.NAME, keys,"
                    + " header('name') or claim('name'))", at);
        };
        if (segments.length < 2) {
            throw new TemplateException("'" + e + "' needs a field name, e.g. " + segments[0] + ".id", at);
        }
        List<String> path = new ArrayList<>();
        for (int k = 1; k < segments.length; k++) {
            if (!segments[k].matches("[A-Za-z0-9_]+")) {
                throw new TemplateException("'" + e + "': '" + segments[k] + "' is not a field name (letters, digits, _)", at);
            }
            path.add(segments[k]);
        }
        return new Ref(source, path, null);
    }

    /** The holes, in order. */
    public List<Ref> refs() {
        List<Ref> refs = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Ref r) {
                refs.add(r);
            }
        }
        return refs;
    }

    /** As written. */
    public String text() {
        return text;
    }

    /**
     * Fills the holes.
     *
     * @param values the value of each hole, null when it has none
     * @param encode writes a value (never null unless {@code nullsAllowed}) as text
     * @param nullsAllowed false: a hole without value makes the whole result null
     * @return the text, or null when a hole had no value and nulls are not allowed
     */
    public String render(Function<Ref, Object> values, Function<Object, String> encode, boolean nullsAllowed) {
        StringBuilder out = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Ref r) {
                Object v = values.apply(r);
                if (v == null && !nullsAllowed) {
                    return null;
                }
                out.append(encode.apply(v));
            } else {
                out.append((String) p);
            }
        }
        return out.toString();
    }

    /** The first hole whose value is missing, for error messages; null when all have one. */
    public Ref firstMissing(Function<Ref, Object> values) {
        for (Ref r : refs()) {
            if (values.apply(r) == null) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
