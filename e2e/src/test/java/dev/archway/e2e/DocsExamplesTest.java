package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every YAML example in docs/, and the bundled quickstart, passes {@code archway validate} (the
 * side services' files: {@code archway ratelimit-server|extauth-server --validate}).
 */
class DocsExamplesTest {
    static final Path DOCS = Path.of("../docs");
    static final Path QUICKSTART = Path.of("../gateway/src/main/resources/quickstart/quickstart.yaml");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> everyDocumentedExampleValidates() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("quickstart.yaml", () -> validates(QUICKSTART)));
        try (Stream<Path> docs = Files.list(DOCS)) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
                for (int i = 0; m.find(); i++) {
                    Path example = work.resolve(doc.getFileName() + "-" + i + ".yaml");
                    Files.writeString(example, m.group(1));
                    tests.add(DynamicTest.dynamicTest(doc.getFileName() + " example " + i, () -> validates(example)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(3);
        return tests.stream();
    }

    private static void validates(Path file) throws Exception {
        // The side services' own files are checked by the services, everything else by `validate`.
        String text = Files.readString(file);
        String[] command = text.contains("kind: RateLimitServerConfig") ? new String[] {"ratelimit-server", "--validate"}
                : text.contains("kind: ExtAuthServerConfig") ? new String[] {"extauth-server", "--validate"}
                : new String[] {"validate"};
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("-c", file.toString()));
        CliTest.Result r = CliTest.archway(args.toArray(String[]::new));
        assertThat(r.exit()).as("archway %s %s:\n%s", String.join(" ", command), file, r.output()).isZero();
    }
}
