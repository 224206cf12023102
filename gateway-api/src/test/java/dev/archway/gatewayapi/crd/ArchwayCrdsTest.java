package dev.archway.gatewayapi.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRD files of the chart are what the model generates (run with {@code -Dgolden.update=true}
 * to write them again), they are valid structural CRDs, and every documented example of an
 * Archway kind fits them: a field the API server would prune is a field the gateway never sees.
 */
class ArchwayCrdsTest {
    static final Path CRDS = Path.of("../charts/archway/crds");
    static final Path DOCS = Path.of("../docs");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theChartsCrdFilesAreWhatTheModelGenerates() throws IOException {
        boolean update = Boolean.getBoolean("golden.update");
        for (Map.Entry<String, Map<String, Object>> crd : ArchwayCrds.definitions().entrySet()) {
            Path file = CRDS.resolve(crd.getKey());
            String generated = ArchwayCrds.yaml(crd.getValue());
            if (update) {
                Files.createDirectories(CRDS);
                Files.writeString(file, generated);
            }
            assertThat(file).as("%s (regenerate with -Dgolden.update=true)", file).exists();
            assertThat(Files.readString(file)).as(file.toString()).isEqualTo(generated);
        }
        try (Stream<Path> files = Files.list(CRDS)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(ArchwayCrds.definitions().keySet());
        }
    }

    @Test
    void everyCrdIsStructuralWithAStatusSubresourceAndReadsAsTheApiServersType() throws IOException {
        for (String name : ArchwayCrds.definitions().keySet()) {
            CustomResourceDefinition crd = YAML.readValue(CRDS.resolve(name).toFile(), CustomResourceDefinition.class);
            assertThat(crd.getSpec().getGroup()).isEqualTo("gateway.archway.dev");
            assertThat(crd.getMetadata().getName()).isEqualTo(crd.getSpec().getNames().getPlural() + ".gateway.archway.dev");
            var version = crd.getSpec().getVersions().get(0);
            assertThat(version.getName()).isEqualTo("v1alpha1");
            assertThat(version.getStorage()).isTrue();
            assertThat(version.getSubresources().getStatus()).isNotNull();
            List<String> problems = new ArrayList<>();
            structural(version.getSchema().getOpenAPIV3Schema(), name, problems);
            assertThat(problems).isEmpty();
        }
    }

    /** Every node has a type, unless it preserves unknown fields (free-form JSON). */
    private static void structural(JSONSchemaProps schema, String at, List<String> problems) {
        if (Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields()) && schema.getType() == null) {
            return;
        }
        if (schema.getType() == null) {
            problems.add(at + ": no type");
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((k, v) -> structural(v, at + "." + k, problems));
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            structural(schema.getItems().getSchema(), at + "[]", problems);
        }
    }

    @Test
    void everyDocumentedExampleOfAnArchwayKindFitsItsSchema() throws IOException {
        Map<String, JsonNode> schemas = new java.util.HashMap<>();
        for (var crd : ArchwayCrds.definitions().values()) {
            JsonNode tree = YAML.valueToTree(crd);
            schemas.put(tree.at("/spec/names/kind").asText(),
                    tree.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec"));
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> docs = Files.list(DOCS)) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
                while (m.find()) {
                    for (JsonNode object : YAML.readValues(YAML.createParser(m.group(1)), JsonNode.class).readAll()) {
                        JsonNode schema = object == null ? null : schemas.get(object.path("kind").asText());
                        if (schema != null && "gateway.archway.dev/v1alpha1".equals(object.path("apiVersion").asText())) {
                            fits(object.path("spec"), schema, doc.getFileName() + " " + object.path("kind").asText() + " "
                                    + object.at("/metadata/name").asText() + ": spec", problems);
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).as("documented Archway objects").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    private static void fits(JsonNode value, JsonNode schema, String at, List<String> problems) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) || value.isNull() || value.isMissingNode()) {
            return;
        }
        String type = schema.path("type").asText();
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(at + ": expected an object");
                    return;
                }
                JsonNode properties = schema.path("properties");
                JsonNode additional = schema.path("additionalProperties");
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                    var field = it.next();
                    if (properties.has(field.getKey())) {
                        fits(field.getValue(), properties.get(field.getKey()), at + "." + field.getKey(), problems);
                    } else if (additional.isObject()) {
                        fits(field.getValue(), additional, at + "." + field.getKey(), problems);
                    } else {
                        problems.add(at + "." + field.getKey() + ": not in the schema (the API server would drop it)");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(at + ": expected a list");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    fits(value.get(i), schema.path("items"), at + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(at + ": expected a string, got " + value);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(at + ": expected an integer, got " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(at + ": expected true or false, got " + value);
                }
            }
            default -> { }
        }
    }
}
