package dev.archway.gatewayapi.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.archway.gatewayapi.source.FileSource;
import dev.archway.gatewayapi.source.SourceUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests of the translator: every {@code translate/<area>/<scenario>.in.yaml} is read by the
 * real file source, translated, and compared with {@code <scenario>.status.yaml} and
 * {@code <scenario>.snapshot.yaml}. Regenerate with {@code -Dgolden.update=true} and review the
 * diff like code.
 */
class TranslatorGoldenTest {
    static final Path ROOT = Path.of("src/test/resources/translate");
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @TestFactory
    Stream<DynamicTest> translatesEveryScenarioAsItsGoldenFilesSay() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.walk(ROOT)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".in.yaml")).sorted().toList();
        }
        assertThat(inputs).isNotEmpty();
        return inputs.stream().map(in -> DynamicTest.dynamicTest(ROOT.relativize(in).toString(), () -> check(in)));
    }

    private static void check(Path in) throws IOException {
        SourceUpdate update;
        try (FileSource source = new FileSource(List.of(in))) {
            update = source.readOnce();
        }
        assertThat(update.problems()).as("problems reading %s", in).isEmpty();
        Translation result = new Translator(TranslatorOptions.standalone(FilterCatalog.ACCEPT_ALL))
                .translate(update.resources(), NOW);
        String base = in.getFileName().toString().replace(".in.yaml", "");
        compare(in.resolveSibling(base + ".status.yaml"), YAML.writeValueAsString(result.status().resources()));
        compare(in.resolveSibling(base + ".snapshot.yaml"), YAML.writeValueAsString(result.snapshot()));
        // Purity: the same input translates to the same output.
        Translation again = new Translator(TranslatorOptions.standalone(FilterCatalog.ACCEPT_ALL))
                .translate(update.resources(), NOW);
        assertThat(YAML.writeValueAsString(again.snapshot())).isEqualTo(YAML.writeValueAsString(result.snapshot()));
    }

    private static void compare(Path golden, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(golden, actual);
            return;
        }
        assertThat(golden).as("golden file %s (generate with -Dgolden.update=true)", golden).exists();
        assertThat(actual).as("%s", golden).isEqualTo(Files.readString(golden));
    }
}
