package dev.archway.extauth.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
    private static final String HASH = "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b";

    @TempDir
    Path dir;

    private ConfigReader.Loaded load(String configs) throws Exception {
        return ConfigReader.load(Files.writeString(dir.resolve("extauth.yaml"), """
                kind: ExtAuthServerConfig
                spec:
                  listen: {grpc: "127.0.0.1:9001"}
                  configs:
                """ + configs.indent(2)));
    }

    @Test
    void readsKeysFromTheFileAndTheKeysFileTogether() throws Exception {
        Files.writeString(dir.resolve("keys.yaml"), "- {name: bob, sha256: \"" + HASH.replace('2', '3') + "\"}\n");
        ConfigReader.Loaded loaded = load("""
                - name: keys
                  apiKey: {keys: [{name: alice, sha256: "%s", metadata: {user: alice}}], keysFile: keys.yaml}
                """.formatted(HASH.toUpperCase()));
        assertThat(loaded.problems()).isEmpty();
        ApiKeyAuth keys = (ApiKeyAuth) loaded.config().configs().get("keys");
        assertThat(keys.headerName()).isEqualTo("x-api-key");
        assertThat(keys.keys()).extracting(ApiKey::name).containsExactly("alice", "bob");
        assertThat(keys.keys().get(0).sha256Hex()).isEqualTo(HASH);
        assertThat(loaded.files()).containsKeys(dir.resolve("extauth.yaml"), dir.resolve("keys.yaml"));
    }

    @Test
    void readsKeysFromAMountedSecretDirectoryAndNoticesARotatedKey() throws Exception {
        // As Kubernetes mounts a Secret: one file per key, plus its own hidden ..data entries.
        Path secret = Files.createDirectories(dir.resolve("api-keys"));
        Files.writeString(secret.resolve("acme"), "acme-key\n");
        Files.writeString(secret.resolve("ci"), "ci-key");
        Files.createDirectories(secret.resolve("..data"));
        Files.writeString(secret.resolve(".hidden"), "not a key");
        ConfigReader.Loaded loaded = load("""
                - name: keys
                  apiKey: {secretDir: api-keys, headersFromMetadata: {x-client: name}}
                """);
        assertThat(loaded.problems()).isEmpty();
        ApiKeyAuth keys = (ApiKeyAuth) loaded.config().configs().get("keys");
        assertThat(keys.keys()).extracting(ApiKey::name).containsExactly("acme", "ci");
        assertThat(keys.keys().get(0).sha256Hex()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest("acme-key".getBytes())));
        assertThat(keys.keys().get(0).metadata()).containsEntry("name", "acme");
        assertThat(loaded.changed()).isFalse();

        Files.writeString(secret.resolve("ci"), "rotated-ci-key");
        assertThat(loaded.changed()).as("a rotated key is a change").isTrue();
    }

    @Test
    void reportsEveryProblemWithItsPath() throws Exception {
        ConfigReader.Loaded loaded = load("""
                - name: a
                  apiKey: {keys: [{name: x, sha256: "%s", colour: red}]}
                  basic: {htpasswdFile: htpasswd}
                - name: a
                  anyOf: [b]
                - name: b
                  allOf: [c]
                - name: c
                  anyOf: [b, nowhere]
                - name: d
                  basic: {htpasswdFile: missing}
                """.formatted(HASH));
        assertThat(loaded.config()).as(String.join("\n", loaded.problems())).isNull();
        assertThat(loaded.problems()).anyMatch(p -> p.startsWith("spec.configs[0]: modes apiKey and basic"))
                .anyMatch(p -> p.startsWith("spec.configs[1].name: \"a\" is already at spec.configs[0]"))
                .anyMatch(p -> p.startsWith("spec.configs[3].anyOf[1]: \"nowhere\" is not a config"))
                .anyMatch(p -> p.contains("cycle: b -> c -> b") || p.contains("cycle: c -> b -> c"))
                .anyMatch(p -> p.startsWith("spec.configs[4].basic.htpasswdFile (") && p.endsWith("no such file"));
        assertThat(loaded.problems().stream().filter(p -> p.contains("cycle"))).hasSize(1);
    }

    @Test
    void reportsUnknownFieldsAndMissingListen() throws Exception {
        ConfigReader.Loaded loaded = ConfigReader.load(Files.writeString(dir.resolve("x.yaml"), """
                kind: ExtAuthServerConfig
                spec:
                  listen: {}
                  configs:
                  - name: k
                    apiKey: {keys: [{name: x, sha256: "%s", colour: red}]}
                """.formatted(HASH)));
        assertThat(loaded.problems()).containsExactlyInAnyOrder(
                "spec.listen: neither grpc nor http (expected: at least one HOST:PORT)",
                "spec.configs[0].apiKey.keys[0].colour: unknown field (expected: name, sha256, metadata)");
    }
}
