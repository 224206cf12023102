package dev.archway.extauth.server.config;

import dev.archway.sidekit.config.Mapping;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one entry of {@code spec.configs}: its name and its one mode. */
final class AuthModes {
    static final List<String> MODES = List.of("apiKey", "basic", "introspection", "anyOf", "allOf");
    /** An HTTP header name (RFC 9110 token). */
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$");
    private static final Pattern HEX_SHA256 = Pattern.compile("^[0-9a-fA-F]{64}$");
    /** Gateway API durations (GEP-2257): one to four of {@code <int><h|m|s|ms>}, e.g. {@code 1m30s}. */
    private static final Pattern DURATION = Pattern.compile("^([0-9]{1,5}(h|m|s|ms)){1,4}$");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

    private final SideFiles files;
    private final List<String> problems;

    AuthModes(SideFiles files, List<String> problems) {
        this.files = files;
        this.problems = problems;
    }

    AuthConfig config(Mapping mapping) {
        String name = mapping.string("name", true, "a name the gateway selects this config by");
        List<String> present = MODES.stream().filter(mode -> mapping.field(mode) != null).toList();
        if (present.size() != 1) {
            problems.add(mapping.path() + ": " + (present.isEmpty() ? "no mode" : "modes " + String.join(" and ", present))
                    + " (expected: exactly one of " + String.join(", ", MODES) + ")");
        }
        AuthConfig config = null;
        if (present.size() == 1 && name != null) {
            String mode = present.get(0);
            config = switch (mode) {
                case "apiKey" -> apiKey(name, mapping.mapping(mode));
                case "basic" -> basic(name, mapping.mapping(mode));
                case "introspection" -> introspection(name, mapping.mapping(mode));
                default -> chain(name, mapping, mode);
            };
        }
        mapping.rejectUnknown("name and one of " + String.join(", ", MODES));
        return config;
    }

    private AuthConfig apiKey(String name, Mapping apiKey) {
        if (apiKey == null) {
            return null;
        }
        int before = problems.size();
        String header = headerName(apiKey, "headerName", ApiKeyAuth.DEFAULT_HEADER);
        List<ApiKey> keys = new ArrayList<>();
        for (Mapping.Item item : apiKey.list("keys")) {
            ApiKey key = key(item.path(), item.node());
            if (key != null) {
                keys.add(key);
            }
        }
        String keysFile = apiKey.string("keysFile", false, "a YAML file listing keys like those of keys");
        if (keysFile != null) {
            keys.addAll(keysFile(apiKey.pathOf("keysFile"), files.resolve(keysFile)));
        }
        String secretDir = apiKey.string("secretDir", false, "a directory holding a mounted Kubernetes Secret");
        if (secretDir != null) {
            keys.addAll(secretDir(apiKey.pathOf("secretDir"), files.resolve(secretDir)));
        }
        if (keys.isEmpty() && problems.size() == before) {
            problems.add(apiKey.path() + ": no keys (expected: keys, keysFile, secretDir, with at least one key)");
        }
        Map<String, String> seen = new HashMap<>();
        for (ApiKey key : keys) {
            String first = seen.putIfAbsent(key.sha256Hex(), key.name());
            if (first != null) {
                problems.add(apiKey.path() + ": keys \"" + first + "\" and \"" + key.name()
                        + "\" have the same sha256 (expected: one entry per key, so a key means one client)");
            }
        }
        Map<String, String> headers = headerMap(apiKey, "headersFromMetadata", "upstream header: metadata field");
        apiKey.rejectUnknown("headerName, keys, keysFile, secretDir, headersFromMetadata");
        return problems.size() == before ? new ApiKeyAuth(name, header, keys, headers) : null;
    }

    /**
     * The keys of a Kubernetes Secret mounted as a volume: each file is one key, its name the key's
     * name (also metadata {@code name}), its content the key itself (a trailing newline dropped).
     * The values are hashed as they are read and never kept.
     */
    private List<ApiKey> secretDir(String path, Path dir) {
        Map<String, byte[]> entries;
        try {
            entries = files.readDirectory(dir);
        } catch (IOException e) {
            problems.add(path + " (" + dir + "): " + e.getMessage());
            return List.of();
        }
        List<ApiKey> keys = new ArrayList<>();
        entries.forEach((name, content) -> {
            String value = new String(content, StandardCharsets.UTF_8).stripTrailing();
            if (value.isEmpty()) {
                problems.add(path + " (" + dir + "): " + name + " is empty (expected: the API key)");
                return;
            }
            try {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
                keys.add(new ApiKey(name, hash, Map.of("name", name)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        });
        if (entries.isEmpty()) {
            problems.add(path + " (" + dir + "): holds no key files (expected: one file per key, as a mounted Secret)");
        }
        return keys;
    }

    private List<ApiKey> keysFile(String path, Path file) {
        String where = path + " (" + file + "): ";
        byte[] content;
        try {
            content = files.read(file);
        } catch (IOException e) {
            problems.add(where + e.getMessage());
            return List.of();
        }
        JsonNode list;
        try {
            // readTree, not the document reader: that one would iterate a top-level list's items.
            list = ConfigReader.YAML.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (IOException e) {
            String message = e.getMessage() == null ? "invalid YAML" : e.getMessage().lines().findFirst().orElse("");
            problems.add(where + "invalid YAML: " + message);
            return List.of();
        }
        if (!list.isArray()) {
            problems.add(where + Mapping.describe(list) + " is not a list (expected: a YAML list of {name, sha256, metadata})");
            return List.of();
        }
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ApiKey key = key(path + "[" + i + "]", list.get(i));
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    private ApiKey key(String path, JsonNode node) {
        Mapping key = Mapping.of(path, node, problems);
        if (key == null) {
            return null;
        }
        String name = key.string("name", true, "who the key belongs to");
        String hex = key.string("sha256", true, "64 hex digits: the SHA-256 of the key");
        byte[] hash = null;
        if (hex != null) {
            if (HEX_SHA256.matcher(hex).matches()) {
                hash = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
            } else {
                // The value is not echoed: someone may have pasted the key itself.
                key.problem("sha256", hex.length() + " characters, not 64 hex digits"
                        + " (expected: the SHA-256 of the key in hex, e.g. from: printf %s KEY | sha256sum)");
            }
        }
        Map<String, String> metadata = key.stringMap("metadata", "field: value");
        key.rejectUnknown("name, sha256, metadata");
        return name == null || hash == null ? null : new ApiKey(name, hash, metadata);
    }

    private AuthConfig basic(String name, Mapping basic) {
        if (basic == null) {
            return null;
        }
        int before = problems.size();
        String realm = basic.string("realm", false, "a realm name");
        if (realm == null) {
            realm = BasicAuth.DEFAULT_REALM;
        } else if (!realm.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            basic.problem("realm", '"' + realm + "\" has a quote, backslash or non-ASCII character"
                    + " (expected: printable ASCII, it is sent in WWW-Authenticate)");
        }
        String htpasswd = basic.string("htpasswdFile", true, "an htpasswd file of bcrypt entries");
        Map<String, String> users = Map.of();
        if (htpasswd != null) {
            users = Htpasswd.read(basic.pathOf("htpasswdFile"), files.resolve(htpasswd), files, problems);
        }
        basic.rejectUnknown("htpasswdFile, realm");
        return problems.size() == before ? new BasicAuth(name, realm, users) : null;
    }

    private AuthConfig introspection(String name, Mapping introspection) {
        if (introspection == null) {
            return null;
        }
        int before = problems.size();
        String urlText = introspection.string("url", true, "the introspection endpoint, an http(s) URL");
        URI url = null;
        if (urlText != null) {
            try {
                url = new URI(urlText);
                if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                    introspection.problem("url", '"' + urlText + "\" is not an http(s) URL with a host"
                            + " (expected: e.g. https://idp.example.com/oauth2/introspect)");
                }
            } catch (URISyntaxException e) {
                introspection.problem("url", '"' + urlText + "\" is not a URL: " + e.getReason()
                        + " (expected: e.g. https://idp.example.com/oauth2/introspect)");
            }
        }
        String clientId = introspection.string("clientId", true, "the client id this server authenticates as");
        if (clientId != null && clientId.indexOf(':') >= 0) {
            introspection.problem("clientId", "has a colon (expected: a client id usable in HTTP basic authentication)");
        }
        String secretFile = introspection.string("clientSecretFile", true, "a file holding the client secret");
        String secret = null;
        if (secretFile != null) {
            Path file = files.resolve(secretFile);
            try {
                secret = new String(files.read(file), StandardCharsets.UTF_8).strip();
                if (secret.isEmpty()) {
                    introspection.problem("clientSecretFile", file + " is empty (expected: the client secret)");
                }
            } catch (IOException e) {
                introspection.problem("clientSecretFile", file + ": " + e.getMessage());
            }
        }
        Duration cache = Duration.ZERO;
        String cacheText = introspection.string("cacheDuration", false, "a duration such as 30s or 5m");
        if (cacheText != null) {
            cache = duration(cacheText);
            if (cache == null) {
                introspection.problem("cacheDuration", '"' + cacheText + "\" is not a duration (expected: e.g. 0s, 30s, 5m)");
            }
        }
        Map<String, String> headers = headerMap(introspection, "headersFromClaims", "upstream header: response field");
        introspection.rejectUnknown("url, clientId, clientSecretFile, cacheDuration, headersFromClaims");
        return problems.size() == before
                ? new IntrospectionAuth(name, url, clientId, secret, cache, headers) : null;
    }

    private AuthConfig chain(String name, Mapping mapping, String mode) {
        JsonNode node = mapping.field(mode);
        if (!node.isArray() || node.isEmpty()) {
            mapping.problem(mode, Mapping.describe(node) + (node.isArray() ? " is empty" : " is not a list")
                    + " (expected: a list of config names)");
            return null;
        }
        int before = problems.size();
        List<String> members = mapping.stringList(mode, "the name of another config");
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).equals(name)) {
                mapping.problem(mode + "[" + i + "]", '"' + name + "\" is this config itself (expected: other configs)");
            }
        }
        return problems.size() == before ? new ChainAuth(name, mode.equals("allOf"), members) : null;
    }

    private String headerName(Mapping mapping, String field, String fallback) {
        String name = mapping.string(field, false, "an HTTP header name");
        if (name == null) {
            return fallback;
        }
        if (!HEADER_NAME.matcher(name).matches()) {
            mapping.problem(field, '"' + name + "\" is not an HTTP header name (expected: e.g. x-api-key)");
        }
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private Map<String, String> headerMap(Mapping mapping, String field, String expected) {
        Map<String, String> read = mapping.stringMap(field, expected);
        Map<String, String> headers = new LinkedHashMap<>();
        read.forEach((header, source) -> {
            if (!HEADER_NAME.matcher(header).matches()) {
                problems.add(mapping.pathOf(field) + "." + header + ": not an HTTP header name (expected: e.g. x-user)");
            } else {
                headers.put(header.toLowerCase(java.util.Locale.ROOT), source);
            }
        });
        return headers;
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
