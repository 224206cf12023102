package dev.archway.gatewayapi.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archway.gatewayapi.ir.filters.WasmFilterConfig;
import dev.archway.gatewayapi.ir.filters.WasmModuleSource;
import dev.archway.gatewayapi.model.WasmPlugin;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code TrafficPolicy.wasm} to {@link WasmFilterConfig}s, in list order. Only the shape is checked:
 * the translator stays pure, so the file is never read and the URL never fetched here. The gateway
 * does that, and a module that is missing or does not match its digest keeps the last good config.
 */
final class WasmPlugins {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WasmPlugins() {}

    /**
     * @param at the field path of the list, e.g. {@code spec.wasm}
     * @return the configs in list order (empty for an empty list), or null when problems were added
     */
    static List<WasmFilterConfig> compile(List<WasmPlugin> plugins, String at, List<String> problems) {
        int before = problems.size();
        Map<String, Integer> firstIndexOfName = new HashMap<>();
        List<WasmFilterConfig> out = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) {
            WasmPlugin p = plugins.get(i);
            String pAt = at + "[" + i + "]";
            if (p == null) {
                problems.add(pAt + ": empty (expected: a plugin with at least name and module)");
                continue;
            }
            int problemsBefore = problems.size();
            String name = name(p.name(), pAt + ".name", i, at, firstIndexOfName, problems);
            WasmModuleSource module = module(p.module(), pAt + ".module", problems);
            String vmConfig = text(p.vmConfig(), pAt + ".vmConfig", problems);
            String config = text(p.config(), pAt + ".config", problems);
            if (problems.size() == problemsBefore) {
                out.add(new WasmFilterConfig(name, module, orEmpty(p.rootId()), orEmpty(p.vmId()), vmConfig, config,
                        Boolean.TRUE.equals(p.failOpen()), Boolean.TRUE.equals(p.bufferRequestBody())));
            }
        }
        return problems.size() > before ? null : List.copyOf(out);
    }

    private static String name(String name, String at, int index, String listAt, Map<String, Integer> seen,
            List<String> problems) {
        if (name == null || name.isEmpty()) {
            problems.add(at + ": missing (expected: a DNS label, unique in the list)");
            return null;
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            problems.add(at + ": \"" + name + "\" is not a DNS label (expected: at most 63 lower-case letters, digits"
                    + " and '-', starting and ending with a letter or digit)");
            return null;
        }
        Integer earlier = seen.putIfAbsent(name, index);
        if (earlier != null) {
            problems.add(at + ": \"" + name + "\" is also the name of " + listAt + "[" + earlier
                    + "] (expected: unique names)");
            return null;
        }
        return name;
    }

    private static WasmModuleSource module(WasmPlugin.ModuleSource m, String at, List<String> problems) {
        if (m == null) {
            problems.add(at + ": missing (expected: exactly one of file and http)");
            return null;
        }
        if ((m.file() == null) == (m.http() == null)) {
            problems.add(at + ": sets " + (m.file() == null ? "neither file nor http" : "both file and http")
                    + " (expected: exactly one of them)");
            return null;
        }
        if (m.http() != null) {
            if (m.sha256() != null) {
                problems.add(at + ".sha256: beside http (expected: the digest inside http, as http.sha256)");
            }
            return http(m.http(), at + ".http", problems);
        }
        int before = problems.size();
        if (!m.file().startsWith("/") || m.file().indexOf('\0') >= 0) {
            problems.add(at + ".file: \"" + m.file() + "\" is not an absolute path (expected: a path starting with /)");
        }
        String sha256 = m.sha256() == null ? null : sha256(m.sha256(), at + ".sha256", problems);
        return problems.size() > before ? null : new WasmModuleSource(m.file(), null, sha256);
    }

    private static WasmModuleSource http(WasmPlugin.Http h, String at, List<String> problems) {
        int before = problems.size();
        if (h.url() == null || h.url().isEmpty()) {
            problems.add(at + ".url: missing (expected: an http:// or https:// URL)");
        } else if (!isHttpUrl(h.url())) {
            problems.add(at + ".url: \"" + h.url() + "\" is not an http:// or https:// URL with a host");
        }
        String sha256 = null;
        if (h.sha256() == null || h.sha256().isEmpty()) {
            problems.add(at + ".sha256: missing (expected: 64 hex digits; a fetched module must be pinned by its"
                    + " digest)");
        } else {
            sha256 = sha256(h.sha256(), at + ".sha256", problems);
        }
        return problems.size() > before ? null : new WasmModuleSource(null, h.url(), sha256);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && uri.getHost() != null
                    && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The digest in lower case, so that equal modules compare equal; null when it is not one. */
    private static String sha256(String value, String at, List<String> problems) {
        if (!SHA256.matcher(value).matches()) {
            problems.add(at + ": \"" + value + "\" is not a SHA-256 (expected: 64 hex digits)");
            return null;
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * A string as written; a mapping or list as compact JSON with sorted keys, so that the same
     * YAML always gives the plugin the same bytes (and the snapshot does not change on a reload).
     */
    private static String text(JsonNode value, String at, List<String> problems) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isContainerNode()) {
            try {
                return JSON.writeValueAsString(sorted(value));
            } catch (JsonProcessingException e) {
                // A tree read from YAML always has a JSON form; say so rather than lose the cause.
                throw new IllegalStateException(at + ": cannot write as JSON", e);
            }
        }
        problems.add(at + ": " + value + " (expected: a string, passed as is, or a mapping or list, passed as JSON;"
                + " quote a scalar to pass it as text)");
        return null;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            TreeSet<String> keys = new TreeSet<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.forEach(k -> out.set(k, sorted(node.get(k))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
