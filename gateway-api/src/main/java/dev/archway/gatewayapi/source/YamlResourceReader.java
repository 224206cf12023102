package dev.archway.gatewayapi.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.archway.gatewayapi.model.Backend;
import dev.archway.gatewayapi.model.DirectResponse;
import dev.archway.gatewayapi.model.GatewayExtension;
import dev.archway.gatewayapi.model.GraphQLApi;
import dev.archway.gatewayapi.model.TrafficPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the text of one file, a stream of {@code ---}-separated YAML documents, into typed objects.
 *
 * <p>Two passes over the text: the first reads each document as a tree to learn its
 * {@code apiVersion} and {@code kind}; the second reads the documents of known kinds straight from
 * the YAML parser into their classes, so that a field of the wrong type is reported with its line
 * and column (a tree has no locations). Unknown kinds and empty documents are skipped (an unknown
 * kind need not even have a name); a document without {@code apiVersion}, {@code kind} or, for a
 * known kind, {@code metadata.name}, and every other document that cannot be read, becomes a
 * {@link SourceProblem}. Reading goes on with the next document so that one save shows all
 * mistakes.
 *
 * <p>Like the API server, objects of namespaced kinds without {@code metadata.namespace} are put
 * in {@code default}, and cluster-scoped kinds lose any namespace they were given.
 */
final class YamlResourceReader {
    static final String DEFAULT_NAMESPACE = "default";

    private final ObjectMapper mapper = YAMLMapper.builder()
            // 8080.5 is not a port: refuse rather than truncate.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // kubectl refuses duplicate keys too; silently keeping the last one hides mistakes.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // HasMetadata carries fabric8's polymorphic deserializer, which knows only fabric8's
            // kinds and would turn ours into GenericKubernetesResource; fabric8's own classes opt
            // out the same way.
            .addMixIn(Backend.class, PlainDeserialization.class)
            .addMixIn(DirectResponse.class, PlainDeserialization.class)
            .addMixIn(TrafficPolicy.class, PlainDeserialization.class)
            .addMixIn(GatewayExtension.class, PlainDeserialization.class)
            .addMixIn(GraphQLApi.class, PlainDeserialization.class)
            .build();

    @JsonDeserialize(using = JsonDeserializer.None.class)
    private interface PlainDeserialization {}

    /** What one file held: the objects that could be read, and problems (any makes the file unusable). */
    record Result(List<ParsedResource> resources, List<SourceProblem> problems) {
        Result {
            resources = List.copyOf(resources);
            problems = List.copyOf(problems);
        }
    }

    /** A document of a kind Archway reads, found by the first pass, with its parsed tree. */
    private record Header(ResourceKind kind, JsonLocation start, TokenBuffer document) {}

    /** Results of the documents of the last read of each file, by document text. */
    private final Map<String, Map<String, Result>> lastDocuments = new HashMap<>();

    /**
     * Reads {@code text}, reusing what an earlier read of the same file made of each document whose
     * text did not change: a reload after one route changed in a file of thousands parses one
     * document. Any problem in any document reads the whole text again, so problems are reported
     * exactly as a whole-file read finds them.
     */
    Result read(String text, String file) {
        requireNonNull(text, "text");
        requireNonNull(file, "file");
        List<YamlDocuments.Piece> pieces = YamlDocuments.split(text);
        if (pieces.size() < 2) {
            lastDocuments.remove(file);
            return readWhole(text, file);
        }
        Map<String, Result> previous = lastDocuments.getOrDefault(file, Map.of());
        Map<String, Result> current = new HashMap<>();
        List<ParsedResource> resources = new ArrayList<>();
        for (YamlDocuments.Piece piece : pieces) {
            Result result = current.get(piece.text());
            if (result == null) {
                result = previous.get(piece.text());
            }
            if (result == null) {
                result = readWhole(piece.text(), file);
            }
            if (!result.problems().isEmpty()) {
                lastDocuments.remove(file);
                return readWhole(text, file);
            }
            current.put(piece.text(), result);
            for (ParsedResource r : result.resources()) {
                resources.add(new ParsedResource(r.kind(), r.object(), r.file(), r.line() + piece.firstLine() - 1,
                        r.column()));
            }
        }
        lastDocuments.put(file, current);
        return new Result(resources, List.of());
    }

    /** Forgets the documents of files no longer read. */
    void retainFiles(Collection<String> files) {
        lastDocuments.keySet().retainAll(files);
    }

    private Result readWhole(String text, String file) {
        List<SourceProblem> problems = new ArrayList<>();
        List<Header> headers;
        try {
            headers = scan(text, file, problems);
        } catch (JsonProcessingException e) {
            // Broken YAML: nothing after the error can be trusted, and the documents before it are
            // useless because a file is used whole or not at all.
            problems.add(problem(file, e.getLocation(), null, ReadProblems.describe(e)));
            return new Result(List.of(), problems);
        } catch (IOException e) {
            problems.add(new SourceProblem(file, 0, 0, "cannot read: " + ReadProblems.describeIo(e)));
            return new Result(List.of(), problems);
        }
        List<ParsedResource> resources = bindTrees(file, headers);
        if (resources != null) {
            return new Result(resources, problems.isEmpty() ? List.of() : sorted(problems));
        }
        resources = new ArrayList<>();
        try {
            bind(text, file, headers, resources, problems);
        } catch (IOException e) {
            problems.add(new SourceProblem(file, 0, 0, "cannot read: " + ReadProblems.describeIo(e)));
        }
        // The passes find different problems; report them in the order they appear in the file.
        problems.sort(Comparator.comparingInt(SourceProblem::line).thenComparingInt(SourceProblem::column));
        return new Result(resources, problems);
    }

    /**
     * First pass: one entry per document, {@code null} for documents that are skipped (empty or of
     * an unknown kind) or that have a problem, which is added to {@code problems}.
     */
    private List<Header> scan(String text, String file, List<SourceProblem> problems) throws IOException {
        List<Header> headers = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonLocation start = parser.currentTokenLocation();
                if (token == JsonToken.VALUE_NULL) {
                    headers.add(null);
                } else if (token != JsonToken.START_OBJECT) {
                    problems.add(problem(file, start, null, "expected a mapping with apiVersion, kind and metadata,"
                            + " found " + ReadProblems.describeToken(parser)));
                    parser.skipChildren();
                    headers.add(null);
                } else {
                    // The document's tokens, kept as the parser read them (numbers with their text),
                    // so that binding needs no second parse of the YAML.
                    TokenBuffer tokens = TokenBuffer.asCopyOfValue(parser);
                    JsonNode document = mapper.readTree(tokens.asParser());
                    headers.add(header(document, tokens, start, file, problems));
                }
            }
        }
        return headers;
    }

    private static Header header(JsonNode document, TokenBuffer tokens, JsonLocation start, String file,
            List<SourceProblem> problems) {
        Optional<String> apiVersion = requiredText(document.get("apiVersion"), "apiVersion",
                "e.g. gateway.networking.k8s.io/v1", start, file, problems);
        Optional<String> kind = requiredText(document.get("kind"), "kind", "e.g. HTTPRoute", start, file, problems);
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return null;
        }
        Optional<ResourceKind> known = ResourceKind.of(apiVersion.get(), kind.get());
        if (known.isEmpty()) {
            return null;
        }
        Optional<String> name = requiredText(document.path("metadata").get("name"), "metadata.name",
                "every " + kind.get() + " needs a name", start, file, problems);
        return name.isPresent() ? new Header(known.get(), start, tokens) : null;
    }

    private static Optional<String> requiredText(JsonNode value, String field, String expected, JsonLocation start,
            String file, List<SourceProblem> problems) {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            problems.add(problem(file, start, null, field + ": missing (" + expected + ")"));
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.add(problem(file, start, null, field + ": cannot read " + value + " as a string"));
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private static List<SourceProblem> sorted(List<SourceProblem> problems) {
        problems.sort(Comparator.comparingInt(SourceProblem::line).thenComparingInt(SourceProblem::column));
        return problems;
    }

    /**
     * The fast second pass: binds the trees the first pass parsed, so the YAML is parsed once.
     * Answers null when a document does not bind: the slow pass then parses the text again,
     * because only a parser knows the line and column a binding problem is at.
     */
    private List<ParsedResource> bindTrees(String file, List<Header> headers) {
        List<ParsedResource> resources = new ArrayList<>();
        for (Header header : headers) {
            if (header == null) {
                continue;
            }
            try {
                HasMetadata object;
                try (JsonParser tokens = header.document().asParser(mapper)) {
                    object = mapper.readValue(tokens, header.kind().type());
                }
                normalizeNamespace(header.kind(), object.getMetadata());
                resources.add(new ParsedResource(header.kind(), object, file,
                        header.start().getLineNr(), header.start().getColumnNr()));
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }
        return resources;
    }

    /** Second pass: reads the documents the first pass found into their classes. */
    private void bind(String text, String file, List<Header> headers, List<ParsedResource> resources,
            List<SourceProblem> problems) throws IOException {
        try (JsonParser parser = mapper.createParser(text)) {
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken(), index++) {
                Header header = index < headers.size() ? headers.get(index) : null;
                if (header == null) {
                    parser.skipChildren();
                    continue;
                }
                try {
                    HasMetadata object = mapper.readValue(parser, header.kind().type());
                    normalizeNamespace(header.kind(), object.getMetadata());
                    resources.add(new ParsedResource(header.kind(), object, file,
                            header.start().getLineNr(), header.start().getColumnNr()));
                } catch (JsonMappingException e) {
                    problems.add(problem(file, e.getLocation(), header.start(), ReadProblems.describe(e)));
                    skipRestOfDocument(parser);
                }
            }
        }
    }

    private static void normalizeNamespace(ResourceKind kind, ObjectMeta metadata) {
        if (kind.clusterScoped()) {
            metadata.setNamespace(null);
        } else if (metadata.getNamespace() == null || metadata.getNamespace().isEmpty()) {
            metadata.setNamespace(DEFAULT_NAMESPACE);
        }
    }

    /** After a failed bind the parser stops mid-document; move it to the document's last token. */
    private static void skipRestOfDocument(JsonParser parser) throws IOException {
        while (!parser.getParsingContext().inRoot()) {
            if (parser.nextToken() == null) {
                return;
            }
        }
    }

    private static SourceProblem problem(String file, JsonLocation at, JsonLocation fallback, String message) {
        JsonLocation location = at != null && at.getLineNr() > 0 ? at : fallback;
        if (location == null || location.getLineNr() <= 0) {
            return new SourceProblem(file, 0, 0, message);
        }
        return new SourceProblem(file, location.getLineNr(), Math.max(location.getColumnNr(), 0), message);
    }
}
