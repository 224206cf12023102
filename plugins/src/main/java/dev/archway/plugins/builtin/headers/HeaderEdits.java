package dev.archway.plugins.builtin.headers;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.ir.filters.HeaderModifierConfig;
import dev.archway.gatewayapi.ir.filters.HeaderValue;
import dev.archway.plugins.builtin.internal.HttpSyntax;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The edits of one header modifier config, applied to request or response headers alike. */
final class HeaderEdits {
    private final HeaderModifierConfig config;

    HeaderEdits(HeaderModifierConfig config) {
        this.config = requireNonNull(config, "config");
    }

    /**
     * Applies set (replacing every existing value), add (appending one more value) and remove, in
     * that order; {@code headers} is case-insensitive, so names match regardless of case.
     */
    void apply(MultiMap headers) {
        for (HeaderValue h : config.set()) {
            headers.set(h.name(), h.value());
        }
        for (HeaderValue h : config.add()) {
            headers.add(h.name(), h.value());
        }
        for (String name : config.remove()) {
            headers.remove(name);
        }
    }

    /** Problems with {@code config}, each naming its field, e.g. {@code set[1].name}. */
    static List<String> validate(HeaderModifierConfig config) {
        List<String> problems = new ArrayList<>();
        // Lower-cased name -> first field that used it: a name twice across set/add/remove has no
        // clear meaning (set then remove?), so it is refused instead of guessed.
        Map<String, String> seen = new HashMap<>();
        checkValues("set", config.set(), seen, problems);
        checkValues("add", config.add(), seen, problems);
        for (int i = 0; i < config.remove().size(); i++) {
            checkName("remove[" + i + "]", config.remove().get(i), seen, problems);
        }
        return problems;
    }

    private static void checkValues(String list, List<HeaderValue> values, Map<String, String> seen,
            List<String> problems) {
        for (int i = 0; i < values.size(); i++) {
            String field = list + "[" + i + "]";
            HeaderValue h = values.get(i);
            if (h == null) {
                problems.add(field + ": missing (expected: a header name and value)");
                continue;
            }
            checkName(field + ".name", h.name(), seen, problems);
            if (h.value() == null) {
                problems.add(field + ".value: missing (expected: a header value, possibly empty)");
            } else if (HttpSyntax.hasLineBreakOrNul(h.value())) {
                problems.add(field + ".value: contains CR, LF or NUL (expected: a single-line header value)");
            }
        }
    }

    private static void checkName(String field, String name, Map<String, String> seen, List<String> problems) {
        if (name == null || name.isEmpty()) {
            problems.add(field + ": missing (expected: a header name such as x-request-id)");
        } else if (!HttpSyntax.isToken(name)) {
            problems.add(field + ": '" + name + "' is not a valid header name (expected: an HTTP token such as x-request-id)");
        } else if (seen.putIfAbsent(name.toLowerCase(Locale.ROOT), field) != null) {
            problems.add(field + ": header '" + name + "' appears twice (expected: each header name at most once)");
        }
    }
}
