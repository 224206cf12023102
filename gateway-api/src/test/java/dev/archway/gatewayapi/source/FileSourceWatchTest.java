package dev.archway.gatewayapi.source;

import static dev.archway.gatewayapi.source.FileSourceTest.names;
import static dev.archway.gatewayapi.source.FileSourceTest.service;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: real files in a temporary directory, changed while a source watches them. */
class FileSourceWatchTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;

    private final List<SourceUpdate> updates = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private FileSource source;

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void deliversTheFirstUpdateOnTheCallingThreadBeforeStartReturns() throws IOException {
        write("a.yaml", service("a", 80));

        start(List.of(dir));

        assertThat(updates).hasSize(1);
        assertThat(threads).containsExactly(Thread.currentThread().getName());
        assertThat(names(updates.get(0).resources().services())).containsExactly("a");
    }

    @Test
    void reloadsWhenAFileIsAddedChangedAndDeleted() throws IOException {
        write("a.yaml", service("a", 80));
        start(List.of(dir));

        write("b.yaml", service("b", 80));
        awaitServices("a", "b");

        write("b.yaml", service("b2", 80));
        awaitServices("a", "b2");

        Files.delete(dir.resolve("a.yaml"));
        awaitServices("b2");
        assertThat(threads.subList(1, threads.size())).containsOnly(ConfigWatcher.THREAD_NAME);
    }

    @Test
    void reloadsWhenAFileIsRenamedIntoTheDirectory() throws IOException {
        write("a.yaml", service("a", 80));
        start(List.of(dir));

        Path staged = Files.writeString(elsewhere.resolve("staged"), service("a", 80) + "---\n" + service("b", 80));
        Files.move(staged, dir.resolve("a.yaml"), ATOMIC_MOVE, REPLACE_EXISTING);

        awaitServices("a", "b");
    }

    @Test
    void reloadsAnExplicitlyGivenFileReplacedByARename() throws IOException {
        Path file = write("gateway.yaml", service("a", 80));
        start(List.of(file));

        Path staged = Files.writeString(dir.resolve(".gateway.yaml.tmp"), service("c", 80));
        Files.move(staged, file, ATOMIC_MOVE, REPLACE_EXISTING);

        awaitServices("c");
    }

    @Test
    void readsAFileThatAppearsAfterStart() throws IOException {
        Path file = dir.resolve("later.yaml");
        start(List.of(file));
        assertThat(updates.get(0).problems()).extracting(SourceProblem::message)
                .containsExactly("no such file or directory");

        write("later.yaml", service("late", 80));

        awaitServices("late");
        assertThat(last().problems()).isEmpty();
    }

    @Test
    void reportsABrokenSaveAndKeepsServingTheLastGoodContent() throws IOException {
        write("a.yaml", service("a", 80));
        start(List.of(dir));

        write("a.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: [a\n");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(last().problems()).hasSize(1));
        assertThat(last().problems().get(0).file()).isEqualTo(dir.resolve("a.yaml").toString());
        assertThat(names(last().resources().services())).containsExactly("a");

        write("a.yaml", service("a2", 80));
        awaitServices("a2");
        assertThat(last().problems()).isEmpty();
    }

    @Test
    void deliversNothingWhenAFileIsRewrittenWithTheSameContent() throws Exception {
        String everyKind = Files.readString(Path.of(getClass().getResource("/source/all-kinds.yaml").toURI()));
        Path file = write("a.yaml", everyKind);
        start(List.of(dir));

        write("a.yaml", everyKind);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        // Longer than the debounce and a poll round: a reload has surely happened by then.
        Thread.sleep(ConfigWatcher.POLL_MILLIS + 1000);

        assertThat(updates).hasSize(1);
    }

    @Test
    void keepsWatchingAfterTheListenerThrows() throws IOException {
        write("a.yaml", service("a", 80));
        start(List.of(dir), update -> {
            if (updates.size() == 2) {
                throw new IllegalStateException("listener failure (expected by this test)");
            }
        });

        write("b.yaml", service("b", 80));
        // Awaitility would fail on the listener's exception, which the watch thread hands to the
        // uncaught exception handler; here that is the point, not a failure.
        await().dontCatchUncaughtExceptions().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(names(last().resources().services())).containsExactly("a", "b"));
        write("c.yaml", service("c", 80));

        awaitServices("a", "b", "c");
    }

    @Test
    void watchesOnOneDaemonThreadThatStopsOnClose() throws IOException {
        write("a.yaml", service("a", 80));
        start(List.of(dir));

        List<Thread> watchThreads = watchThreads();
        assertThat(watchThreads).singleElement().satisfies(thread -> assertThat(thread.isDaemon()).isTrue());

        source.close();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(watchThreads.get(0).isAlive()).isFalse());
        write("b.yaml", service("b", 80));
        assertThat(updates).hasSize(1);
    }

    private void start(List<Path> paths) {
        start(paths, update -> {});
    }

    private void start(List<Path> paths, Consumer<SourceUpdate> also) {
        source = new FileSource(paths);
        source.start(update -> {
            updates.add(update);
            threads.add(Thread.currentThread().getName());
            also.accept(update);
        });
    }

    private void awaitServices(String... names) {
        await().atMost(TIMEOUT).untilAsserted(
                () -> assertThat(names(last().resources().services())).containsExactly(names));
    }

    private SourceUpdate last() {
        return updates.get(updates.size() - 1);
    }

    private List<Thread> watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(ConfigWatcher.THREAD_NAME))
                .toList();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
