package dev.archway.gatewayapi.source;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@code onChange} on one daemon thread, {@value #THREAD_NAME}, whenever the files behind
 * a {@link ConfigFiles} may have changed.
 *
 * <p>Two ways of noticing, because neither is enough alone: a {@link WatchService} on each given
 * directory and on the parent of each given file (prompt, but some filesystems, such as network
 * and container overlay mounts, miss events), and, every {@value #POLL_MILLIS} ms without events,
 * a comparison of {@link ConfigFiles#fingerprint() fingerprints} (cheap: names, sizes, times).
 * Events are debounced: after the first, the watcher waits until {@value #QUIET_MILLIS} ms pass
 * without another (at most {@value #MAX_DEBOUNCE_MILLIS} ms), so an editor's save or a
 * {@code kubectl cp} of many files causes one reload rather than many.
 *
 * <p>Directories that do not exist yet, or are deleted and created again, are (re)registered on
 * each round. Nothing {@code onChange} throws stops the thread; it goes to the thread's uncaught
 * exception handler and watching goes on.
 */
final class ConfigWatcher implements AutoCloseable {
    static final String THREAD_NAME = "archway-config-watch";
    static final long POLL_MILLIS = 1000;
    static final long QUIET_MILLIS = 100;
    static final long MAX_DEBOUNCE_MILLIS = 2000;

    private final ConfigFiles files;
    private final Runnable onChange;
    private final WatchService watchService;
    private final Map<Path, WatchKey> registered = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private List<String> fingerprint;

    /**
     * Registers the directories and takes the first fingerprint, so that any change after this
     * returns is noticed, including one during the initial read the caller does next.
     */
    ConfigWatcher(ConfigFiles files, Runnable onChange) {
        this(files, onChange, true);
    }

    /** With {@code useWatchService} false, polling alone: what happens where watching is unsupported. */
    ConfigWatcher(ConfigFiles files, Runnable onChange, boolean useWatchService) {
        this.files = requireNonNull(files, "files");
        this.onChange = requireNonNull(onChange, "onChange");
        this.watchService = useWatchService ? newWatchService() : null;
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        registerDirectories();
        fingerprint = files.fingerprint();
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        if (watchService != null) {
            try {
                watchService.close(); // wakes the thread from poll()
            } catch (IOException e) {
                thread.interrupt();
            }
        } else {
            thread.interrupt(); // wakes the thread from sleep(); with a watch service there is no sleep
        }
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(2 * POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!closed) {
            try {
                registerDirectories();
                if (awaitChange() && !closed) {
                    // Fingerprint first: a change made while reading then shows up next round.
                    fingerprint = files.fingerprint();
                    onChange.run();
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
                handler.uncaughtException(thread, e);
            }
        }
    }

    /** Waits up to one poll interval; true when something that is read may have changed. */
    private boolean awaitChange() throws InterruptedException {
        if (watchService == null) {
            Thread.sleep(POLL_MILLIS);
            return fingerprintChanged();
        }
        WatchKey key = watchService.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (key == null) {
            return fingerprintChanged();
        }
        boolean relevant = drain(key);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_DEBOUNCE_MILLIS);
        while (System.nanoTime() < deadline) {
            key = watchService.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
            if (key == null) {
                break;
            }
            relevant |= drain(key);
        }
        return relevant || fingerprintChanged();
    }

    private boolean fingerprintChanged() {
        return !files.fingerprint().equals(fingerprint);
    }

    private boolean drain(WatchKey key) {
        Path directory = (Path) key.watchable();
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                relevant = true;
            } else if (event.context() instanceof Path name && files.concerns(directory, name)) {
                relevant = true;
            }
        }
        if (!key.reset()) {
            // The directory is gone; registerDirectories() picks it up again if it comes back.
            registered.remove(directory);
        }
        return relevant;
    }

    private void registerDirectories() {
        if (watchService == null) {
            return;
        }
        for (Path directory : files.directoriesToWatch()) {
            WatchKey key = registered.get(directory);
            if ((key == null || !key.isValid()) && Files.isDirectory(directory)) {
                try {
                    registered.put(directory,
                            directory.register(watchService, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                    // Not watchable (or another filesystem): the fingerprint comparison covers it.
                }
            }
        }
    }

    private static WatchService newWatchService() {
        try {
            return FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // polling alone
        }
    }
}
