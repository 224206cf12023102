package dev.archway.extauth.server.config;

import dev.archway.sidekit.config.Mapping;
import dev.archway.sidekit.config.Address;
import dev.archway.sidekit.config.ConfigException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an {@code ExtAuthServerConfig} file strictly: an unknown field, a wrong type, a config
 * with no mode or two, a duplicate name, a bad hash, a non-bcrypt htpasswd entry, a reference to
 * an unknown config or a cycle of references is a problem, and every problem of the file (and of
 * the files it names) is reported at once, each with its field path.
 *
 * <pre>
 * apiVersion: gateway.archway.dev/v1alpha1           # optional
 * kind: ExtAuthServerConfig
 * spec:
 *   listen: {grpc: "127.0.0.1:9001", http: "127.0.0.1:9002"}   # at least one
 *   admin: "127.0.0.1:9903"                          # optional
 *   defaultConfig: api-keys                          # optional
 *   configs:
 *   - name: api-keys
 *     apiKey: {headerName: x-api-key, keys: [{name, sha256, metadata}], keysFile: keys.yaml,
 *              headersFromMetadata: {x-api-user: user}}
 *   - name: basic
 *     basic: {htpasswdFile: htpasswd, realm: archway}
 *   - name: introspect
 *     introspection: {url, clientId, clientSecretFile, cacheDuration: 1m, headersFromClaims: {x-user: sub}}
 *   - name: either
 *     anyOf: [api-keys, basic]                       # or allOf
 * </pre>
 *
 * <p>Relative file names are relative to the config file's directory. Blocking: call it off the
 * event loop.
 */
public final class ConfigReader {
    public static final String KIND = "ExtAuthServerConfig";
    public static final String API_VERSION = "gateway.archway.dev/v1alpha1";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * One read of the file: the config, or null and why it cannot be used; and the digest of each
     * file the read used, which the reload check compares.
     */
    public record Loaded(ExtAuthServerConfig config, List<String> problems, Map<Path, String> files) {
        public Loaded {
            problems = List.copyOf(problems);
            files = Map.copyOf(files);
        }

        /** Whether any file the read used holds something else now; blocking. */
        public boolean changed() {
            return files.entrySet().stream().anyMatch(e -> !e.getValue().equals(SideFiles.digestNow(e.getKey())));
        }
    }

    private ConfigReader() {}

    /** Reads {@code file} and the files it names; never throws. Problems do not repeat the file's name. */
    public static Loaded load(Path file) {
        SideFiles files = new SideFiles(file);
        List<String> problems = new ArrayList<>();
        ExtAuthServerConfig config = null;
        try {
            config = config(text(files.read(file.toAbsolutePath().normalize()), problems), files, problems);
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        return new Loaded(problems.isEmpty() ? config : null, problems, files.digests());
    }

    /** The config in {@code file}, or every problem of it. */
    public static ExtAuthServerConfig read(Path file) throws ConfigException {
        Loaded loaded = load(file);
        if (loaded.config() == null) {
            throw new ConfigException(loaded.problems().isEmpty() ? List.of("cannot be used") : loaded.problems());
        }
        return loaded.config();
    }

    static String text(byte[] content, List<String> problems) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.add("the file is not UTF-8 text");
            return null;
        }
    }

    /** The single YAML document in {@code yaml}, or null (and a problem prefixed by {@code where}). */
    static JsonNode document(String yaml, String where, String expected, List<String> problems) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> all = new ArrayList<>();
            while (documents.hasNextValue()) {
                JsonNode next = documents.nextValue();
                if (next != null && !next.isNull() && !next.isMissingNode()) {
                    all.add(next);
                }
            }
            if (all.size() != 1) {
                problems.add(where + (all.isEmpty() ? "the file is empty" : "the file has " + all.size() + " YAML documents")
                        + " (expected: " + expected + ")");
                return null;
            }
            return all.get(0);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
            int newline = message.indexOf('\n');
            message = (newline < 0 ? message : message.substring(0, newline)).strip();
            JsonLocation at = e.getLocation();
            problems.add(where + (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
                    + "invalid YAML: " + message);
            return null;
        } catch (IOException e) {
            problems.add(where + "cannot read YAML: " + e.getMessage());
            return null;
        }
    }

    private static ExtAuthServerConfig config(String yaml, SideFiles files, List<String> problems) {
        JsonNode root = yaml == null ? null : document(yaml, "", "one " + KIND, problems);
        Mapping top = root == null ? null : Mapping.of("", root, problems);
        if (top == null) {
            return null;
        }
        // apiVersion is optional: a file kept beside Kubernetes manifests usually carries one.
        String apiVersion = top.string("apiVersion", false, API_VERSION);
        if (apiVersion != null && !apiVersion.equals(API_VERSION)) {
            top.problem("apiVersion", '"' + apiVersion + "\" is not supported (expected: " + API_VERSION + ")");
        }
        String kind = top.string("kind", true, KIND);
        if (kind != null && !kind.equals(KIND)) {
            top.problem("kind", '"' + kind + "\" is not this file's kind (expected: " + KIND + ")");
        }
        Mapping spec = top.mapping("spec");
        if (spec == null && top.field("spec") == null) {
            top.problem("spec", "missing (expected: listen, configs and optionally admin and defaultConfig)");
        }
        top.rejectUnknown("apiVersion, kind, spec");
        if (spec == null) {
            return null;
        }
        Address grpc = null;
        Address http = null;
        Mapping listen = spec.mapping("listen");
        if (listen == null && spec.field("listen") == null) {
            spec.problem("listen", "missing (expected: {grpc: HOST:PORT, http: HOST:PORT}, at least one)");
        } else if (listen != null) {
            grpc = address(listen, "grpc", false);
            http = address(listen, "http", false);
            if (listen.field("grpc") == null && listen.field("http") == null) {
                problems.add(listen.path() + ": neither grpc nor http (expected: at least one HOST:PORT)");
            }
            listen.rejectUnknown("grpc, http");
        }
        Address admin = address(spec, "admin", false);
        String defaultConfig = spec.string("defaultConfig", false, "the name of one of configs");
        Map<String, AuthConfig> configs = new LinkedHashMap<>();
        Map<String, String> paths = new HashMap<>();
        List<Mapping.Item> items = spec.list("configs");
        if (items.isEmpty() && spec.field("configs") == null) {
            spec.problem("configs", "missing (expected: a list of named configs)");
        }
        AuthModes modes = new AuthModes(files, problems);
        // Names of entries that have problems of their own still count as declared, so that a
        // reference to one is not reported a second time as unknown.
        Set<String> declared = new HashSet<>();
        for (Mapping.Item item : items) {
            if (item.node() != null && item.node().path("name").isTextual()) {
                String name = item.node().path("name").textValue();
                declared.add(name);
                String first = paths.putIfAbsent(name, item.path());
                if (first != null) {
                    problems.add(item.path() + ".name: \"" + name + "\" is already at " + first
                            + " (expected: each name once)");
                    continue;
                }
            }
            Mapping mapping = Mapping.of(item.path(), item.node(), problems);
            AuthConfig config = mapping == null ? null : modes.config(mapping);
            if (config == null) {
                continue;
            }
            configs.put(config.name(), config);
        }
        spec.rejectUnknown("listen, admin, defaultConfig, configs");
        if (defaultConfig != null && !declared.contains(defaultConfig)) {
            spec.problem("defaultConfig", '"' + defaultConfig + "\" is not a config of this file (expected: one of "
                    + String.join(", ", declared.stream().sorted().toList()) + ")");
        }
        checkReferences(configs, declared, paths, problems);
        if (grpc == null && http == null) {
            return null;
        }
        return new ExtAuthServerConfig(grpc, http, admin, defaultConfig, configs);
    }

    private static Address address(Mapping mapping, String field, boolean required) {
        String text = mapping.string(field, required, "HOST:PORT, e.g. 127.0.0.1:9001");
        if (text == null) {
            return null;
        }
        Address address = Address.parse(text);
        if (address == null) {
            mapping.problem(field, '"' + text + "\" is not HOST:PORT (expected: e.g. 127.0.0.1:9001 or [::1]:9001)");
        }
        return address;
    }

    /** Every anyOf/allOf member names a config of the file, and following members never comes back. */
    private static void checkReferences(Map<String, AuthConfig> configs, Set<String> declared,
            Map<String, String> paths, List<String> problems) {
        for (AuthConfig config : configs.values()) {
            if (config instanceof ChainAuth chain) {
                for (int i = 0; i < chain.members().size(); i++) {
                    String member = chain.members().get(i);
                    if (!declared.contains(member)) {
                        problems.add(paths.get(chain.name()) + "." + chain.field() + "[" + i + "]: \"" + member
                                + "\" is not a config of this file (expected: one of "
                                + String.join(", ", declared.stream().sorted().toList()) + ")");
                    }
                }
            }
        }
        Set<String> reported = new HashSet<>();
        for (AuthConfig config : configs.values()) {
            List<String> cycle = cycleFrom(config.name(), configs, new ArrayList<>());
            if (cycle != null && reported.add(new java.util.TreeSet<>(cycle).toString())) {
                problems.add(paths.get(config.name()) + ": the references go round in a cycle: "
                        + String.join(" -> ", cycle) + " (expected: anyOf/allOf members that do not lead back)");
            }
        }
    }

    /** The path back to {@code trail}'s first name, or null when following {@code name} finds none. */
    private static List<String> cycleFrom(String name, Map<String, AuthConfig> configs, List<String> trail) {
        if (!trail.isEmpty() && trail.get(0).equals(name)) {
            List<String> cycle = new ArrayList<>(trail);
            cycle.add(name);
            return cycle;
        }
        if (trail.contains(name) || !(configs.get(name) instanceof ChainAuth chain)) {
            return null; // a cycle not through the start is reported from one of its own members
        }
        trail.add(name);
        for (String member : chain.members()) {
            List<String> cycle = cycleFrom(member, configs, trail);
            if (cycle != null) {
                return cycle;
            }
        }
        trail.remove(trail.size() - 1);
        return null;
    }
}
