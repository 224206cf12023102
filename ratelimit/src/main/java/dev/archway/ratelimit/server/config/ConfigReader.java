package dev.archway.ratelimit.server.config;

import dev.archway.sidekit.config.Mapping;
import dev.archway.sidekit.config.Address;
import dev.archway.sidekit.config.ConfigException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code RateLimitServerConfig} file strictly: an unknown field, a wrong type, a
 * duplicate domain or a duplicate key and value at one level of a tree is a problem, and every
 * problem of the file is reported at once, each with its field path.
 *
 * <pre>
 * apiVersion: gateway.archway.dev/v1alpha1                   # optional
 * kind: RateLimitServerConfig
 * spec:
 *   listen: "127.0.0.1:8081"
 *   admin: "127.0.0.1:9902"                                  # optional
 *   redis: {url: "redis://127.0.0.1:6379", timeout: 500ms}  # optional
 *   domains:
 *   - domain: edge
 *     descriptors:
 *     - key: route
 *       value: orders                                       # optional
 *       rate_limit: {unit: minute, requests_per_unit: 100}  # or {unlimited: true}; optional
 *       shadow_mode: false                                  # optional
 *       descriptors: [...]                                  # optional, nested
 * </pre>
 *
 * <p>Blocking (it may read a file): call it off the event loop.
 */
public final class ConfigReader {
    public static final String KIND = "RateLimitServerConfig";
    public static final String API_VERSION = "gateway.archway.dev/v1alpha1";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Gateway API durations (GEP-2257): one to four of {@code <int><h|m|s|ms>}, e.g. {@code 1s500ms}. */
    private static final Pattern DURATION = Pattern.compile("^([0-9]{1,5}(h|m|s|ms)){1,4}$");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

    private ConfigReader() {}

    /**
     * The config in {@code file}; a file that cannot be read is a problem like any other. Problems
     * do not repeat the file's name: the caller says which file it read.
     */
    public static RateLimitServerConfig read(Path file) throws ConfigException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of("no such file"));
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read the file: " + e.getMessage()));
        }
        return parse(content);
    }

    /** The config in a file's {@code content} (UTF-8). */
    public static RateLimitServerConfig parse(byte[] content) throws ConfigException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of("the file is not UTF-8 text"));
        }
        return parse(text);
    }

    /** The config written in {@code yaml}. */
    public static RateLimitServerConfig parse(String yaml) throws ConfigException {
        List<String> problems = new ArrayList<>();
        JsonNode root = document(yaml, problems);
        RateLimitServerConfig config = root == null ? null : config(root, problems);
        if (!problems.isEmpty() || config == null) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static JsonNode document(String yaml, List<String> problems) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> all = new ArrayList<>();
            while (documents.hasNextValue()) {
                JsonNode next = documents.nextValue();
                if (next != null && !next.isNull() && !next.isMissingNode()) {
                    all.add(next);
                }
            }
            if (all.isEmpty()) {
                problems.add("the file is empty (expected: kind: " + KIND + " and a spec)");
                return null;
            }
            if (all.size() > 1) {
                problems.add("the file has " + all.size() + " YAML documents (expected: one " + KIND + ")");
                return null;
            }
            return all.get(0);
        } catch (JsonProcessingException e) {
            problems.add(syntax(e));
            return null;
        } catch (IOException e) {
            problems.add("cannot read YAML: " + e.getMessage());
            return null;
        }
    }

    private static String syntax(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        message = (newline < 0 ? message : message.substring(0, newline)).strip();
        JsonLocation at = e.getLocation();
        return at == null ? "invalid YAML: " + message
                : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": invalid YAML: " + message;
    }

    private static RateLimitServerConfig config(JsonNode root, List<String> problems) {
        Mapping top = Mapping.of("", root, problems);
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
            top.problem("spec", "missing (expected: listen, domains and optionally admin and redis)");
        }
        top.rejectUnknown("apiVersion, kind, spec");
        if (spec == null) {
            return null;
        }
        Address listen = address(spec, "listen", true);
        Address admin = address(spec, "admin", false);
        RedisSettings redis = redis(spec.mapping("redis"), problems);
        Map<String, Domain> domains = new LinkedHashMap<>();
        Map<String, String> domainPaths = new HashMap<>();
        for (Mapping.Item item : spec.list("domains")) {
            Mapping mapping = Mapping.of(item.path(), item.node(), problems);
            Domain domain = mapping == null ? null : domain(mapping, problems);
            if (domain == null) {
                continue;
            }
            String first = domainPaths.putIfAbsent(domain.name(), item.path());
            if (first != null) {
                problems.add(item.path() + ".domain: \"" + domain.name() + "\" is already at " + first
                        + " (expected: each domain once)");
            } else {
                domains.put(domain.name(), domain);
            }
        }
        spec.rejectUnknown("listen, admin, redis, domains");
        return listen == null ? null : new RateLimitServerConfig(listen, admin, redis, domains);
    }

    private static Address address(Mapping spec, String field, boolean required) {
        String text = spec.string(field, required, "HOST:PORT, e.g. 127.0.0.1:8081");
        if (text == null) {
            return null;
        }
        Address address = Address.parse(text);
        if (address == null) {
            spec.problem(field, '"' + text + "\" is not HOST:PORT (expected: e.g. 127.0.0.1:8081 or [::1]:8081)");
        }
        return address;
    }

    private static RedisSettings redis(Mapping redis, List<String> problems) {
        if (redis == null) {
            return null;
        }
        String url = redis.string("url", true, "redis://HOST:PORT or rediss://HOST:PORT");
        if (url != null && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
            redis.problem("url", '"' + new RedisSettings(url, RedisSettings.DEFAULT_TIMEOUT).redactedUrl()
                    + "\" is not a Redis URL (expected: redis://HOST:PORT or rediss://HOST:PORT)");
            url = null;
        }
        Duration timeout = RedisSettings.DEFAULT_TIMEOUT;
        String timeoutText = redis.string("timeout", false, "a duration such as 500ms or 2s");
        if (timeoutText != null) {
            timeout = duration(timeoutText);
            if (timeout == null || timeout.isZero()) {
                redis.problem("timeout", '"' + timeoutText
                        + "\" is not a positive duration (expected: e.g. 500ms, 2s, 1m30s)");
            }
        } else if (redis.field("timeout") != null) {
            timeout = null;
        }
        redis.rejectUnknown("url, timeout");
        return url == null || timeout == null || timeout.isZero() ? null : new RedisSettings(url, timeout);
    }

    private static Domain domain(Mapping mapping, List<String> problems) {
        String name = mapping.string("domain", true, "the domain name the gateway sends");
        List<Descriptor> descriptors = descriptors(mapping, problems);
        mapping.rejectUnknown("domain, descriptors");
        return name == null ? null : new Domain(name, descriptors);
    }

    /** The {@code descriptors} of a domain or a descriptor: one level of the tree. */
    private static List<Descriptor> descriptors(Mapping parent, List<String> problems) {
        List<Descriptor> level = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Mapping.Item item : parent.list("descriptors")) {
            Mapping mapping = Mapping.of(item.path(), item.node(), problems);
            Descriptor descriptor = mapping == null ? null : descriptor(mapping, problems);
            if (descriptor == null) {
                continue;
            }
            // A NUL cannot occur in YAML text, so it separates key and value unambiguously.
            String identity = descriptor.key() + (descriptor.value() == null ? "" : "\0" + descriptor.value());
            String first = seen.putIfAbsent(identity, item.path());
            if (first != null) {
                problems.add(item.path() + ": key \"" + descriptor.key() + "\""
                        + (descriptor.value() == null ? " without a value" : " with value \"" + descriptor.value() + "\"")
                        + " is already at " + first + " (expected: each key and value once per level)");
            } else {
                level.add(descriptor);
            }
        }
        return level;
    }

    private static Descriptor descriptor(Mapping mapping, List<String> problems) {
        String key = mapping.string("key", true, "the descriptor entry key, e.g. remote_address");
        String value = mapping.string("value", false, "a value, or no value field to match every value");
        Mapping rateLimit = mapping.mapping("rate_limit");
        Limit limit = null;
        boolean unlimited = false;
        boolean limitBroken = false;
        if (rateLimit != null) {
            unlimited = rateLimit.bool("unlimited");
            JsonNode unitNode = rateLimit.field("unit");
            Long perUnit = rateLimit.integer("requests_per_unit", 0, Limit.MAX_REQUESTS_PER_UNIT);
            boolean perUnitGiven = rateLimit.field("requests_per_unit") != null;
            if (unlimited) {
                if (unitNode != null || perUnitGiven) {
                    rateLimit.problem("unlimited", "true together with unit or requests_per_unit"
                            + " (expected: either unlimited: true or a unit and requests_per_unit)");
                    limitBroken = true;
                }
            } else {
                Unit unit = unit(rateLimit);
                if (!perUnitGiven) {
                    rateLimit.problem("requests_per_unit", "missing (expected: an integer >= 0)");
                }
                if (unit != null && perUnit != null) {
                    limit = new Limit(perUnit, unit);
                } else {
                    limitBroken = true;
                }
            }
            rateLimit.rejectUnknown("unit, requests_per_unit, unlimited");
        }
        boolean shadowMode = mapping.bool("shadow_mode");
        List<Descriptor> children = descriptors(mapping, problems);
        mapping.rejectUnknown("key, value, rate_limit, shadow_mode, descriptors");
        if (key == null || limitBroken) {
            return null;
        }
        return new Descriptor(key, value, limit, unlimited, shadowMode, children);
    }

    private static Unit unit(Mapping rateLimit) {
        String text = rateLimit.string("unit", true, Unit.NAMES);
        if (text == null) {
            return null;
        }
        Unit unit = Unit.parse(text);
        if (unit == null) {
            rateLimit.problem("unit", '"' + text + "\" is not a unit (expected: " + Unit.NAMES + ")");
        }
        return unit;
    }

    /** A Gateway API duration ({@code 500ms}, {@code 1m30s}), or null when {@code text} is not one. */
    static Duration duration(String text) {
        if (!DURATION.matcher(text).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return total;
    }
}
