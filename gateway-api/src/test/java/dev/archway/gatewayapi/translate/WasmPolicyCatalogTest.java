package dev.archway.gatewayapi.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.archway.gatewayapi.ir.filters.FilterKinds;
import dev.archway.gatewayapi.ir.filters.WasmFilterConfig;
import dev.archway.gatewayapi.source.FileSource;
import dev.archway.gatewayapi.source.SourceUpdate;
import dev.archway.gatewayapi.status.ResourceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's own checks of a Wasm filter config reach the policy's status, under the plugin's path. */
class WasmPolicyCatalogTest {
    @TempDir
    Path dir;

    @Test
    void reportsTheCatalogsProblemsWithAPluginUnderItsIndexAndMakesThePolicyInvalid() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: infra}
                spec:
                  gatewayClassName: archway
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                ---
                apiVersion: gateway.archway.dev/v1alpha1
                kind: TrafficPolicy
                metadata: {name: plugins, namespace: infra}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: edge}]
                  wasm:
                  - {name: fine, module: {file: /plugins/fine.wasm}}
                  - {name: refused, module: {file: /plugins/refused.wasm}, rootId: nope}
                """);
        FilterCatalog catalog = (kind, config) -> FilterKinds.WASM.equals(kind)
                && ((WasmFilterConfig) config).rootId().equals("nope")
                        ? List.of("rootId: nope is refused by this test")
                        : List.of();

        SourceUpdate update;
        try (FileSource source = new FileSource(List.of(dir))) {
            update = source.readOnce();
        }
        assertThat(update.problems()).isEmpty();
        Translation result = new Translator(TranslatorOptions.standalone(catalog))
                .translate(update.resources(), Instant.parse("2026-01-01T00:00:00Z"));

        ResourceStatus policy = result.status().resources().stream()
                .filter(r -> r.kind().equals("TrafficPolicy")).findFirst().orElseThrow();
        assertThat(policy.conditions()).extracting(Condition::getReason, Condition::getMessage)
                .containsExactly(tuple("Invalid",
                        "spec.wasm[1].rootId: nope is refused by this test"));
    }
}
