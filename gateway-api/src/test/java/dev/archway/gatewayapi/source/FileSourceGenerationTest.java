package dev.archway.gatewayapi.source;

import static dev.archway.gatewayapi.source.FileSourceTest.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metadata.generation and creationTimestamp, set across reloads as the API server would. */
class FileSourceGenerationTest {
    @TempDir
    Path dir;

    @Test
    void startsAtGenerationOneAndBumpsItOnlyWhenTheSpecChanges() throws IOException {
        FileSource source = new FileSource(List.of(dir));
        write("svc.yaml", service("app", 80));
        assertThat(serviceMeta(source).getGeneration()).isEqualTo(1);

        write("svc.yaml", service("app", 80).replace("name: app", "name: app\n  labels: {team: a}"));
        assertThat(serviceMeta(source).getGeneration()).isEqualTo(1);

        write("svc.yaml", service("app", 81).replace("name: app", "name: app\n  labels: {team: a}"));
        assertThat(serviceMeta(source).getGeneration()).isEqualTo(2);

        write("svc.yaml", service("app", 81).replace("name: app", "name: app\n  annotations: {note: x}"));
        assertThat(serviceMeta(source).getGeneration()).isEqualTo(2);
    }

    @Test
    void bumpsTheGenerationOfKindsWithoutSpecWhenTheirContentChanges() throws IOException {
        FileSource source = new FileSource(List.of(dir));
        write("cm.yaml", configMap("v1", ""));
        assertThat(configMapMeta(source).getGeneration()).isEqualTo(1);

        write("cm.yaml", configMap("v1", "  labels: {a: b}\n"));
        assertThat(configMapMeta(source).getGeneration()).isEqualTo(1);

        write("cm.yaml", configMap("v2", "  labels: {a: b}\n"));
        assertThat(configMapMeta(source).getGeneration()).isEqualTo(2);
    }

    @Test
    void keepsAGenerationWrittenInTheFile() throws IOException {
        FileSource source = new FileSource(List.of(dir));
        write("svc.yaml", service("app", 80).replace("name: app", "name: app\n  generation: 7"));

        assertThat(serviceMeta(source).getGeneration()).isEqualTo(7);
    }

    @Test
    void givesOlderObjectsEarlierCreationTimesThatStayTheSameAcrossReloads() throws IOException {
        FileSource source = new FileSource(List.of(dir));
        write("1.yaml", service("old", 80));
        source.readOnce();
        write("2.yaml", service("new", 80));

        List<HasMetadata> first = services(source);
        write("1.yaml", service("old", 81));
        List<HasMetadata> second = services(source);

        assertThat(first).extracting(s -> s.getMetadata().getName(), s -> s.getMetadata().getCreationTimestamp())
                .containsExactly(
                        tuple("new", "2020-01-01T00:00:01Z"),
                        tuple("old", "2020-01-01T00:00:00Z"));
        assertThat(second).extracting(s -> s.getMetadata().getCreationTimestamp())
                .containsExactly("2020-01-01T00:00:01Z", "2020-01-01T00:00:00Z");
    }

    @Test
    void givesTheSameCreationTimesToTheSameFilesReadBySeparateSources() throws IOException {
        write("a.yaml", service("x", 80) + "---\n" + service("y", 80));

        List<String> first = creationTimes(new FileSource(List.of(dir)));
        List<String> second = creationTimes(new FileSource(List.of(dir)));

        assertThat(first).containsExactly("2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z").isEqualTo(second);
    }

    @Test
    void keepsACreationTimestampWrittenInTheFile() throws IOException {
        FileSource source = new FileSource(List.of(dir));
        write("svc.yaml", service("app", 80).replace("name: app",
                "name: app\n  creationTimestamp: \"2019-05-01T10:00:00Z\""));

        assertThat(serviceMeta(source).getCreationTimestamp()).isEqualTo("2019-05-01T10:00:00Z");
    }

    @Test
    void startsOverWhenAnObjectDisappearsAndComesBack() throws IOException {
        FileSource source = new FileSource(List.of(dir));
        write("svc.yaml", service("app", 80));
        source.readOnce();
        write("svc.yaml", service("app", 81));
        ObjectMeta before = serviceMeta(source);
        assertThat(before.getGeneration()).isEqualTo(2);

        Files.delete(dir.resolve("svc.yaml"));
        assertThat(source.readOnce().resources().services()).isEmpty();
        write("svc.yaml", service("app", 81));
        ObjectMeta after = serviceMeta(source);

        assertThat(after.getGeneration()).isEqualTo(1);
        assertThat(after.getCreationTimestamp()).isGreaterThan(before.getCreationTimestamp());
    }

    @Test
    void keepsTheGenerationOfAnObjectServedFromTheLastGoodContentOfABrokenFile() throws IOException {
        FileSource source = new FileSource(List.of(dir));
        write("svc.yaml", service("app", 80));
        source.readOnce();
        write("svc.yaml", service("app", 81));
        assertThat(serviceMeta(source).getGeneration()).isEqualTo(2);

        write("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: [");
        SourceUpdate broken = source.readOnce();

        assertThat(broken.problems()).hasSize(1);
        assertThat(broken.resources().services().get(0).getMetadata().getGeneration()).isEqualTo(2);
    }

    private static String configMap(String value, String extraMetadata) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n" + extraMetadata
                + "data:\n  key: " + value + "\n";
    }

    private static ObjectMeta serviceMeta(FileSource source) {
        return services(source).get(0).getMetadata();
    }

    private static ObjectMeta configMapMeta(FileSource source) {
        return source.readOnce().resources().configMaps().get(0).getMetadata();
    }

    private static List<HasMetadata> services(FileSource source) {
        return List.copyOf(source.readOnce().resources().services());
    }

    private static List<String> creationTimes(FileSource source) {
        return services(source).stream().map(s -> s.getMetadata().getCreationTimestamp()).toList();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
