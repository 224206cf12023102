package dev.archway.gateway.accesslog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends access log lines to a file from a thread of its own: an event loop only puts a line in
 * a bounded queue and never waits for the disk. When the queue is full the line is dropped, so a
 * slow disk cannot slow requests.
 */
final class FileAccessLogWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileAccessLogWriter.class);
    static final int QUEUE_SIZE = 16_384;

    private final Path file;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private final Thread thread;
    private volatile boolean closing;

    FileAccessLogWriter(Path file) throws IOException {
        this.file = file;
        // Fail at startup, not on the first request, when the file cannot be written.
        Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                .close();
        this.thread = new Thread(this::run, "archway-access-log");
        thread.setDaemon(true);
        thread.start();
    }

    void write(String line) {
        queue.offer(line);
    }

    private void run() {
        List<String> batch = new ArrayList<>(256);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            while (!closing || !queue.isEmpty()) {
                String first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 1023);
                for (String line : batch) {
                    out.write(line);
                    out.write('\n');
                }
                batch.clear();
                // Flushed whenever the queue runs dry: a quiet gateway's lines are on disk at once.
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            LOG.error("access log {}: cannot write, access log lines are dropped from now on: {}", file, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
