package dev.archway.gatewayapi.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.archway.gatewayapi.ir.filters.WasmFilterConfig;
import dev.archway.gatewayapi.ir.filters.WasmModuleSource;
import dev.archway.gatewayapi.model.WasmPlugin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code TrafficPolicy.wasm} as written, to the configs of the Wasm filters, or to every problem. */
class WasmPluginsTest {
    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<String> problems = new ArrayList<>();

    @Test
    void fillsDefaultsForAnEntryWithOnlyANameAndAFile() throws IOException {
        List<WasmFilterConfig> configs = compile("""
                - name: add-header
                  module: {file: /etc/archway/plugins/add_header.wasm}
                """);

        assertThat(problems).isEmpty();
        assertThat(configs).containsExactly(new WasmFilterConfig("add-header",
                new WasmModuleSource("/etc/archway/plugins/add_header.wasm", null, null), "", "", "", "", false));
    }

    @Test
    void keepsListOrderAndEveryFieldAsWritten() throws IOException {
        List<WasmFilterConfig> configs = compile("""
                - name: second-in-name-order
                  module: {file: /plugins/b.wasm, sha256: %s}
                  rootId: b_root
                  vmId: shared
                  vmConfig: "  vm text  "
                  config: '{"header": "x-hello", "value": "world"}'
                  failOpen: true
                - name: first-in-name-order
                  module: {http: {url: "https://plugins.example.com/a.wasm", sha256: %s}}
                """.formatted(DIGEST, DIGEST));

        assertThat(problems).isEmpty();
        assertThat(configs).containsExactly(
                new WasmFilterConfig("second-in-name-order", new WasmModuleSource("/plugins/b.wasm", null, DIGEST),
                        "b_root", "shared", "  vm text  ", "{\"header\": \"x-hello\", \"value\": \"world\"}", true),
                new WasmFilterConfig("first-in-name-order",
                        new WasmModuleSource(null, "https://plugins.example.com/a.wasm", DIGEST), "", "", "", "", false));
    }

    @Test
    void storesTheDigestInLowerCaseSoThatEqualModulesCompareEqual() throws IOException {
        List<WasmFilterConfig> configs = compile("""
                - name: a
                  module: {http: {url: "http://10.0.0.1:8080/a.wasm", sha256: %s}}
                """.formatted(DIGEST.toUpperCase()));

        assertThat(problems).isEmpty();
        assertThat(configs.get(0).module().sha256()).isEqualTo(DIGEST);
    }

    @Test
    void passesAMappingOrListConfigAsCompactJsonWithSortedKeys() throws IOException {
        List<WasmFilterConfig> configs = compile("""
                - name: a
                  module: {file: /a.wasm}
                  vmConfig: [3, {z: 1, a: 2}]
                  config:
                    value: world
                    header: x-hello
                    nested: {b: true, a: null, c: [1.5, "two"]}
                """);

        assertThat(problems).isEmpty();
        assertThat(configs.get(0).vmConfig()).isEqualTo("[3,{\"a\":2,\"z\":1}]");
        assertThat(configs.get(0).pluginConfig())
                .isEqualTo("{\"header\":\"x-hello\",\"nested\":{\"a\":null,\"b\":true,\"c\":[1.5,\"two\"]},\"value\":\"world\"}");
    }

    @Test
    void refusesAScalarConfigThatIsNotAString() throws IOException {
        assertThat(compile("""
                - name: a
                  module: {file: /a.wasm}
                  config: 42
                  vmConfig: true
                """)).isNull();

        assertThat(problems).containsExactly(
                "spec.wasm[0].vmConfig: true (expected: a string, passed as is, or a mapping or list, passed as JSON;"
                        + " quote a scalar to pass it as text)",
                "spec.wasm[0].config: 42 (expected: a string, passed as is, or a mapping or list, passed as JSON;"
                        + " quote a scalar to pass it as text)");
    }

    @Test
    void reportsEveryProblemOfEveryEntryWithItsFieldPath() throws IOException {
        assertThat(compile("""
                - name: Add_Header
                  module: {file: plugins/add_header.wasm, sha256: abc}
                - module: {http: {url: "ftp://plugins.example.com/a.wasm", sha256: abc}}
                - name: c
                  module: {http: {url: "https://plugins.example.com/c.wasm"}}
                """)).isNull();

        assertThat(problems).containsExactly(
                "spec.wasm[0].name: \"Add_Header\" is not a DNS label (expected: at most 63 lower-case letters,"
                        + " digits and '-', starting and ending with a letter or digit)",
                "spec.wasm[0].module.file: \"plugins/add_header.wasm\" is not an absolute path"
                        + " (expected: a path starting with /)",
                "spec.wasm[0].module.sha256: \"abc\" is not a SHA-256 (expected: 64 hex digits)",
                "spec.wasm[1].name: missing (expected: a DNS label, unique in the list)",
                "spec.wasm[1].module.http.url: \"ftp://plugins.example.com/a.wasm\" is not an http:// or https:// URL"
                        + " with a host",
                "spec.wasm[1].module.http.sha256: \"abc\" is not a SHA-256 (expected: 64 hex digits)",
                "spec.wasm[2].module.http.sha256: missing (expected: 64 hex digits; a fetched module must be pinned"
                        + " by its digest)");
    }

    @Test
    void refusesANameUsedTwice() throws IOException {
        assertThat(compile("""
                - {name: a, module: {file: /a.wasm}}
                - {name: b, module: {file: /b.wasm}}
                - {name: a, module: {file: /c.wasm}}
                """)).isNull();

        assertThat(problems).containsExactly(
                "spec.wasm[2].name: \"a\" is also the name of spec.wasm[0] (expected: unique names)");
    }

    @Test
    void refusesALabelLongerThan63Characters() throws IOException {
        String longest = "a".repeat(63);
        assertThat(compile("- {name: " + longest + ", module: {file: /a.wasm}}")).hasSize(1);
        assertThat(compile("- {name: " + longest + "b, module: {file: /a.wasm}}")).isNull();
        assertThat(problems).singleElement().asString().startsWith("spec.wasm[0].name: \"" + longest + "b\" is not");
    }

    @Test
    void needsExactlyOneModuleSource() throws IOException {
        assertThat(compile("""
                - {name: none}
                - {name: empty, module: {sha256: %s}}
                - name: both
                  module: {file: /a.wasm, http: {url: "https://x.example/a.wasm", sha256: %s}}
                - name: outer-digest
                  module: {sha256: %s, http: {url: "https://x.example/a.wasm", sha256: %s}}
                """.formatted(DIGEST, DIGEST, DIGEST, DIGEST))).isNull();

        assertThat(problems).containsExactly(
                "spec.wasm[0].module: missing (expected: exactly one of file and http)",
                "spec.wasm[1].module: sets neither file nor http (expected: exactly one of them)",
                "spec.wasm[2].module: sets both file and http (expected: exactly one of them)",
                "spec.wasm[3].module.sha256: beside http (expected: the digest inside http, as http.sha256)");
    }

    @Test
    void refusesAnEmptyEntry() throws IOException {
        assertThat(compile("""
                - {name: a, module: {file: /a.wasm}}
                -
                """)).isNull();

        assertThat(problems).containsExactly("spec.wasm[1]: empty (expected: a plugin with at least name and module)");
    }

    @Test
    void readsAnEmptyListAsNoPlugins() throws IOException {
        assertThat(compile("[]")).isEmpty();
        assertThat(problems).isEmpty();
    }

    private List<WasmFilterConfig> compile(String yaml) throws IOException {
        List<WasmPlugin> plugins = YAML.readValue(yaml, new TypeReference<List<WasmPlugin>>() {});
        return WasmPlugins.compile(plugins, "spec.wasm", problems);
    }
}
