package dev.archway.gatewayapi.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
    @TempDir
    Path dir;

    private final AtomicInteger reloads = new AtomicInteger();

    @Test
    void noticesChangesByPollingWhereThereIsNoWatchService() throws IOException {
        Path file = Files.writeString(dir.resolve("a.yaml"), "a: 1\n");
        ConfigFiles files = new ConfigFiles(List.of(dir));
        try (ConfigWatcher watcher = new ConfigWatcher(files, reloads::incrementAndGet, false)) {
            watcher.start();

            Files.writeString(file, "a: 12\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> reloads.get() == 1);

            Files.writeString(dir.resolve("b.yaml"), "b: 1\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> reloads.get() == 2);
        }
    }

    @Test
    void reloadsOnceOrTwiceForABurstOfWrites() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("a.yaml"), "a: 0\n");
        try (ConfigWatcher watcher = new ConfigWatcher(new ConfigFiles(List.of(dir)), reloads::incrementAndGet)) {
            watcher.start();

            for (int i = 1; i <= 20; i++) {
                Files.writeString(file, "a: " + i + "\n");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> reloads.get() >= 1);
            Thread.sleep(ConfigWatcher.POLL_MILLIS + 500);

            assertThat(reloads.get()).isBetween(1, 2);
        }
    }

    @Test
    void ignoresOtherFilesBesideAnExplicitlyGivenFile() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "a: 1\n");
        try (ConfigWatcher watcher = new ConfigWatcher(new ConfigFiles(List.of(file)), reloads::incrementAndGet)) {
            watcher.start();

            Files.writeString(dir.resolve("unrelated.yaml"), "b: 1\n");
            Files.writeString(dir.resolve("unrelated.log"), "c\n");
            Thread.sleep(ConfigWatcher.POLL_MILLIS + 500);

            assertThat(reloads.get()).isZero();
        }
    }

    @Test
    void stopsItsThreadOnClose() throws IOException {
        ConfigWatcher watcher = new ConfigWatcher(new ConfigFiles(List.of(dir)), reloads::incrementAndGet);
        watcher.start();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(ConfigWatcher.THREAD_NAME) && t.isAlive())
                .findFirst().orElseThrow();
        assertThat(thread.isDaemon()).isTrue();

        watcher.close();

        assertThat(thread.isAlive()).isFalse();
        Files.writeString(dir.resolve("after.yaml"), "a: 1\n");
        assertThat(reloads.get()).isZero();
    }
}
