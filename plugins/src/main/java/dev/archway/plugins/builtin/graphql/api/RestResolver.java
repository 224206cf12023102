package dev.archway.plugins.builtin.graphql.api;

import dev.archway.gatewayapi.graphql.Template;
import dev.archway.gatewayapi.graphql.Template.Ref;
import dev.archway.gatewayapi.graphql.Template.Source;
import dev.archway.gatewayapi.graphql.TemplateException;
import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig;
import dev.archway.plugins.builtin.internal.HttpSyntax;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** One configured resolver with its templates parsed: renders the REST call of a field. */
final class RestResolver {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final GraphQLApiConfig.Resolver config;
    private final String coordinate;
    private final String method;
    private final Template path;
    private final List<Named> query;
    private final List<Named> headers;
    private final Template body;
    private final Template batchKey;
    private final List<String> resultPath;
    private final Duration timeout;
    /** The call's holes other than {@code keys}: what items of one batch must share. */
    private final List<Ref> contextRefs;

    private record Named(String name, Template template) {}

    /** A call, or why it cannot be made. */
    record Rendering(RestCall call, Outcome.Failure failure) {}

    private RestResolver(GraphQLApiConfig.Resolver config, String where) {
        this.config = config;
        this.coordinate = config.type() + "." + config.field();
        this.method = config.method() == null || config.method().isBlank()
                ? "GET" : config.method().toUpperCase(Locale.ROOT);
        this.path = parse(where + ".path", config.path());
        this.query = config.query().stream()
                .map(q -> new Named(q.name(), parse(where + ".query[" + q.name() + "]", q.template()))).toList();
        this.headers = config.headers().stream()
                .map(h -> new Named(h.name(), parse(where + ".headers[" + h.name() + "]", h.template()))).toList();
        this.body = config.body() == null ? null : parse(where + ".body", config.body());
        this.batchKey = config.batch() == null ? null : parse(where + ".batch.key", config.batch().key());
        this.resultPath = JsonPaths.parse(config.resultPath());
        this.timeout = config.timeout() == null || config.timeout().isZero() || config.timeout().isNegative()
                ? DEFAULT_TIMEOUT : config.timeout();
        Set<Ref> refs = new LinkedHashSet<>(path.refs());
        query.forEach(q -> refs.addAll(q.template().refs()));
        headers.forEach(h -> refs.addAll(h.template().refs()));
        if (body != null) {
            refs.addAll(body.refs());
        }
        refs.removeIf(r -> r.source() == Source.KEYS);
        this.contextRefs = List.copyOf(refs);
        if (config.batch() != null) {
            if (config.batch().maxSize() < 1) {
                throw new IllegalArgumentException(where + ".batch.maxSize: " + config.batch().maxSize()
                        + " (expected: >= 1)");
            }
            if (config.batch().matchField() == null || config.batch().matchField().isBlank()) {
                throw new IllegalArgumentException(where + ".batch.matchField: missing (expected a field name)");
            }
        }
    }

    /**
     * Parses the resolver's templates.
     *
     * @param where the resolver in messages, e.g. {@code resolvers[2]}
     * @throws IllegalArgumentException naming the template that does not parse
     */
    static RestResolver compile(GraphQLApiConfig.Resolver config, String where) {
        return new RestResolver(config, where);
    }

    private static Template parse(String where, String text) {
        if (text == null) {
            throw new IllegalArgumentException(where + ": missing (expected a template)");
        }
        try {
            return Template.parse(text);
        } catch (TemplateException e) {
            throw new IllegalArgumentException(where + ": column " + e.column() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders the call: a path hole without value is a failure; a query parameter or header whose
     * template has a hole without value is left out; a body hole without value is JSON null.
     *
     * @param values each hole's value, null when it has none; for a batch, {@code keys} gives a
     *     {@link Encoding.Keys}
     */
    Rendering render(Function<Ref, Object> values) {
        Ref missing = path.firstMissing(values);
        if (missing != null) {
            return new Rendering(null, Outcome.Failure.valueMissing(coordinate, missing, "the path"));
        }
        for (Ref ref : path.refs()) {
            if (!safeInPath(values.apply(ref))) {
                return new Rendering(null, Outcome.Failure.unsafePathValue(coordinate, ref));
            }
        }
        StringBuilder target = new StringBuilder(path.render(values, Encoding::pathValue, false));
        char separator = target.indexOf("?") >= 0 ? '&' : '?';
        for (Named q : query) {
            String value = q.template().render(values, Encoding::queryValue, false);
            if (value != null) {
                target.append(separator).append(Encoding.percent(q.name())).append('=').append(value);
                separator = '&';
            }
        }
        List<RestCall.Header> rendered = new ArrayList<>(headers.size());
        for (Named h : headers) {
            String value = h.template().render(values, Encoding::headerValue, false);
            if (value == null) {
                continue;
            }
            if (HttpSyntax.hasLineBreakOrNul(value)) {
                return new Rendering(null, Outcome.Failure.badHeaderValue(coordinate, h.name()));
            }
            rendered.add(new RestCall.Header(h.name(), value));
        }
        String json = body == null ? null : body.render(values, Encoding::jsonValue, true);
        return new Rendering(new RestCall(method, target.toString(), rendered, json), null);
    }

    /**
     * Percent-encoding keeps '/' inside a segment, but '.' and '..' are unreserved: a whole segment
     * of them is removed or climbs one level when the backend normalises the path. An empty value
     * turns {@code /users/{{ id }}} into {@code /users/}, another resource. Each key of a batch is
     * checked, and so is the keys joined, which is what lands in the path.
     */
    private static boolean safeInPath(Object value) {
        if (value instanceof Encoding.Keys keys) {
            for (String key : keys.keys()) {
                if (!safeSegmentText(key)) {
                    return false;
                }
            }
            return safeSegmentText(String.join(keys.separator(), keys.keys()));
        }
        return safeSegmentText(Encoding.text(value));
    }

    private static boolean safeSegmentText(String text) {
        return !text.isEmpty() && !text.equals(".") && !text.equals("..");
    }

    /** The item's batch key, or null when a hole of {@code batch.key} has no value. */
    String batchKey(Function<Ref, Object> values) {
        return batchKey.render(values, Encoding::text, false);
    }

    /** The values an item's batch call depends on besides its key. */
    Map<Ref, Object> batchContext(Function<Ref, Object> values) {
        Map<Ref, Object> context = new HashMap<>();
        for (Ref ref : contextRefs) {
            context.put(ref, values.apply(ref));
        }
        return Collections.unmodifiableMap(context);
    }

    /** {@code Type.field}; also the name of its DataLoader. */
    String coordinate() {
        return coordinate;
    }

    GraphQLApiConfig.Resolver config() {
        return config;
    }

    GraphQLApiConfig.Batch batch() {
        return config.batch();
    }

    List<String> resultPath() {
        return resultPath;
    }

    Duration timeout() {
        return timeout;
    }
}
