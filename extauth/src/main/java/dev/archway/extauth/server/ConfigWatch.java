package dev.archway.extauth.server;

import static java.util.Objects.requireNonNull;

import dev.archway.extauth.server.config.ConfigReader;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Notices changes to the config file and the files it names (keys, htpasswd, secrets): every
 * period, on a worker thread, each file the last read used is hashed again; a different hash is
 * a change, and the whole config is read again. Content rather than size and time: it also catches
 * edits within one timestamp tick, and these files are small. One check at a time; a change is
 * reported once, however long the files stay that way.
 */
final class ConfigWatch {
    private final Vertx vertx;
    private final Path file;
    private final Duration period;
    private final Consumer<ConfigReader.Loaded> onChange;
    private volatile ConfigReader.Loaded last;
    private volatile boolean checking;
    private long timerId = -1;

    ConfigWatch(Vertx vertx, Path file, Duration period, ConfigReader.Loaded last, Consumer<ConfigReader.Loaded> onChange) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.file = requireNonNull(file, "file");
        this.period = requireNonNull(period, "period");
        this.last = requireNonNull(last, "last");
        this.onChange = requireNonNull(onChange, "onChange");
    }

    void start() {
        timerId = vertx.setPeriodic(Math.max(1, period.toMillis()), id -> check());
    }

    void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        ConfigReader.Loaded before = last;
        vertx.executeBlocking(() -> before.changed() ? ConfigReader.load(file) : null, false).onComplete(ar -> {
            checking = false;
            ConfigReader.Loaded now = ar.succeeded() ? ar.result() : null;
            // Compared by what was read: a file changed and changed back needs no new config.
            if (now != null && !now.files().equals(before.files())) {
                last = now;
                onChange.accept(now);
            }
        });
    }
}
