package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.graphql.SchemaCheck;
import dev.archway.gatewayapi.graphql.Template;
import dev.archway.gatewayapi.graphql.TemplateException;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig;
import dev.archway.gatewayapi.model.ArchwayResource;
import dev.archway.gatewayapi.model.GraphQLApi;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One GraphQLApi resolver to its {@link GraphQLApiConfig.Resolver}: the field exists, the backend
 * resolves, every template parses and names only values it can have.
 */
final class GraphQLResolvers {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_BATCH_SIZE = 100;
    static final int MAX_BATCH_SIZE = 1000;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern RESULT_PATH = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");
    /** The gateway frames and addresses the call itself. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "te", "keep-alive");

    /** What a resolved backend gave: the cluster, or why not. */
    record Target(String cluster, String authority, String reason, String message) {}

    private final BackendResolver backends;

    GraphQLResolvers(BackendResolver backends) {
        this.backends = backends;
    }

    /**
     * @param refProblems receives backend problems (reason, message) for ResolvedRefs
     * @return the resolver, or null when {@code problems} or {@code refProblems} got something
     */
    GraphQLApiConfig.Resolver compile(GraphQLApi.Resolver r, String at, String ns, SchemaCheck schema,
            List<String> problems, Consumer<String[]> refProblems) {
        int before = problems.size();
        if (r == null || r.field() == null || r.field().split("\\.", -1).length != 2) {
            problems.add(at + ".field: " + (r == null ? null : r.field()) + " (expected: Type.field, e.g. Query.user)");
            return null;
        }
        String[] tf = r.field().split("\\.");
        GraphQLFieldDefinition field = schema.field(tf[0], tf[1]);
        if (field == null) {
            problems.add(at + ".field: " + r.field() + " is not a field of an object type of the schema");
            return null;
        }
        GraphQLApi.Rest rest = r.rest();
        if (rest == null) {
            problems.add(at + ".rest: missing (expected: the REST call that resolves " + r.field() + ")");
            return null;
        }
        String rAt = at + ".rest";
        Set<String> args = new java.util.HashSet<>();
        for (GraphQLArgument a : field.getArguments()) {
            args.add(a.getName());
        }
        boolean batched = rest.batch() != null;
        String method = rest.method() == null ? "GET" : rest.method();
        if (!METHODS.contains(method)) {
            problems.add(rAt + ".method: " + method + " (expected: GET, POST, PUT, PATCH or DELETE)");
        }
        Scope scope = new Scope(r.field(), args, batched);
        if (rest.path() == null || !rest.path().startsWith("/")) {
            problems.add(rAt + ".path: " + rest.path() + " (expected: a path template starting with /)");
        } else {
            template(rest.path(), rAt + ".path", scope, problems);
        }
        List<GraphQLApiConfig.NameTemplate> query = nameTemplates(rest.query(), rAt + ".query", scope, false, problems);
        List<GraphQLApiConfig.NameTemplate> headers = nameTemplates(rest.headers(), rAt + ".headers", scope, true,
                problems);
        if (rest.body() != null) {
            if (method.equals("GET")) {
                problems.add(rAt + ".body: a GET call has no body (expected: method POST, PUT or PATCH)");
            }
            template(rest.body(), rAt + ".body", scope, problems);
        }
        if (rest.resultPath() != null && !RESULT_PATH.matcher(rest.resultPath()).matches()) {
            problems.add(rAt + ".resultPath: " + rest.resultPath() + " (expected: a dotted path such as data.user or"
                    + " items.0)");
        }
        Duration timeout = DEFAULT_TIMEOUT;
        if (rest.timeout() != null) {
            timeout = Durations.parse(rest.timeout());
            if (timeout == null || timeout.isZero()) {
                problems.add(rAt + ".timeout: " + rest.timeout() + " (expected: a duration such as 2s or 500ms)");
            }
        }
        GraphQLApiConfig.Batch batch = batched ? batch(rest, rAt, args, r.field(), problems) : null;
        Target target = target(rest.backendRef(), rAt + ".backendRef", ns);
        if (target.cluster() == null) {
            refProblems.accept(new String[] {target.reason(), target.message()});
        }
        if (problems.size() > before || target.cluster() == null) {
            return null;
        }
        return new GraphQLApiConfig.Resolver(tf[0], tf[1], backendName(rest.backendRef(), ns), target.cluster(),
                target.authority(), method, rest.path(), query, headers, rest.body(), rest.resultPath(), timeout, batch);
    }

    private GraphQLApiConfig.Batch batch(GraphQLApi.Rest rest, String at, Set<String> args, String field,
            List<String> problems) {
        GraphQLApi.Batch b = rest.batch();
        String bAt = at + ".batch";
        if (b.key() == null) {
            problems.add(bAt + ".key: missing (expected: a template such as {{ parent.customerId }})");
        } else {
            template(b.key(), bAt + ".key", new Scope(field, args, false), problems);
        }
        if (b.matchField() == null || b.matchField().isEmpty()) {
            problems.add(bAt + ".matchField: missing (expected: the field of each answer element that equals the key)");
        }
        int size = b.maxSize() == null ? DEFAULT_BATCH_SIZE : b.maxSize();
        if (size < 1 || size > MAX_BATCH_SIZE) {
            problems.add(bAt + ".maxSize: " + size + " (expected: 1 to " + MAX_BATCH_SIZE + ")");
        }
        String separator = b.separator() == null ? "," : b.separator();
        if (separator.isEmpty()) {
            problems.add(bAt + ".separator: empty (expected: text between keys, e.g. ,)");
        }
        boolean usesKeys = uses(rest.path()) || (rest.query() != null && rest.query().stream()
                .anyMatch(q -> q != null && uses(q.value())));
        if (!usesKeys) {
            problems.add(bAt + ": the path or a query value must use {{ keys }} (the batch's keys)");
        }
        return new GraphQLApiConfig.Batch(b.key(), b.matchField(), size, separator);
    }

    private static boolean uses(String text) {
        try {
            return text != null && Template.parse(text).refs().stream().anyMatch(r -> r.source() == Template.Source.KEYS);
        } catch (TemplateException e) {
            return false;
        }
    }

    private static List<GraphQLApiConfig.NameTemplate> nameTemplates(List<GraphQLApi.NameValue> items, String at,
            Scope scope, boolean header, List<String> problems) {
        List<GraphQLApiConfig.NameTemplate> out = new ArrayList<>();
        for (int i = 0; i < (items == null ? 0 : items.size()); i++) {
            GraphQLApi.NameValue nv = items.get(i);
            String iAt = at + "[" + i + "]";
            if (nv == null || nv.name() == null || nv.name().isEmpty() || (header && !TOKEN.matcher(nv.name()).matches())) {
                problems.add(iAt + ".name: " + (nv == null ? null : nv.name()) + " (expected: "
                        + (header ? "a header name such as authorization" : "a query parameter name") + ")");
                continue;
            }
            if (header && RESERVED_HEADERS.contains(nv.name().toLowerCase(Locale.ROOT))) {
                problems.add(iAt + ".name: " + nv.name() + " is set by the gateway (expected: another header)");
                continue;
            }
            if (nv.value() == null) {
                problems.add(iAt + ".value: missing (expected: a value or a template such as {{ header('authorization') }})");
                continue;
            }
            template(nv.value(), iAt + ".value", scope, problems);
            out.add(new GraphQLApiConfig.NameTemplate(header ? nv.name().toLowerCase(Locale.ROOT) : nv.name(), nv.value()));
        }
        return out;
    }

    /** What a template of one resolver may name. */
    private record Scope(String field, Set<String> args, boolean batched) {}

    private static void template(String text, String at, Scope scope, List<String> problems) {
        Template t;
        try {
            t = Template.parse(text);
        } catch (TemplateException e) {
            problems.add(at + ": column " + e.column() + ": " + e.getMessage());
            return;
        }
        for (Template.Ref ref : t.refs()) {
            switch (ref.source()) {
                case ARGS -> {
                    if (scope.batched()) {
                        problems.add(at + ": " + ref.text() + " differs per item, but one batched call serves them all"
                                + " (expected: keys, header(...) or claim(...); per-item values go in batch.key)");
                    } else if (!scope.args().contains(ref.path().get(0))) {
                        problems.add(at + ": " + ref.text() + ": " + scope.field() + " has no argument '" + ref.path().get(0)
                                + "'" + (scope.args().isEmpty() ? "" : " (arguments: " + String.join(", ",
                                new java.util.TreeSet<>(scope.args())) + ")"));
                    }
                }
                case PARENT -> {
                    if (scope.batched()) {
                        problems.add(at + ": " + ref.text() + " differs per item, but one batched call serves them all"
                                + " (expected: keys, header(...) or claim(...); per-item values go in batch.key)");
                    }
                }
                case KEYS -> {
                    if (!scope.batched()) {
                        problems.add(at + ": {{ keys }} is only known in a batched call (expected: rest.batch, or"
                                + " args/parent values)");
                    }
                }
                default -> { }
            }
        }
    }

    private Target target(GraphQLApi.BackendRef ref, String at, String ns) {
        if (ref == null || ref.name() == null) {
            return new Target(null, null, dev.archway.gatewayapi.status.Reasons.BACKEND_NOT_FOUND,
                    at + ": missing (expected: a Service with a port, or a gateway.archway.dev Backend)");
        }
        var resolution = backends.resolve(at, ArchwayResource.GROUP, GraphQLApi.KIND, ns, ref.group(), ref.kind(),
                ref.namespace(), ref.name(), ref.port(), false);
        if (!resolution.ok()) {
            return new Target(null, null, resolution.reason(), resolution.message());
        }
        ClusterIr cluster = backends.cluster(resolution.cluster());
        String refNs = ref.namespace() == null ? ns : ref.namespace();
        boolean service = ref.kind() == null || ref.kind().equals("Service");
        String authority = service ? ref.name() + "." + refNs + ".svc:" + ref.port()
                : cluster.endpoints().isEmpty() ? ref.name()
                : cluster.endpoints().get(0).host() + ":" + cluster.endpoints().get(0).port();
        return new Target(resolution.cluster(), authority, null, null);
    }

    /** The backend as GraphQL errors name it: its name only, since clients see those errors. */
    private static String backendName(GraphQLApi.BackendRef ref, String ns) {
        return ref.name();
    }
}
