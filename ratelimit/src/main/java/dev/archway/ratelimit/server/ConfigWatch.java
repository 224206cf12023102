package dev.archway.ratelimit.server;

import static java.util.Objects.requireNonNull;

import dev.archway.sidekit.config.ConfigException;
import dev.archway.ratelimit.server.config.ConfigReader;
import dev.archway.ratelimit.server.config.RateLimitServerConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Notices changes to the config file: every period, on a worker thread, the file is read and its
 * content hashed; a different hash is a change. Comparing content rather than size and time also
 * catches edits within one timestamp tick, and a config file is small enough to read each second.
 * One check at a time; a change is reported once, however long the file stays that way.
 */
final class ConfigWatch {
    /** A read of the file: its fingerprint and either the config or why it cannot be used. */
    record Loaded(String fingerprint, RateLimitServerConfig config, List<String> problems) {}

    private final Vertx vertx;
    private final Path file;
    private final Duration period;
    private final Consumer<Loaded> onChange;
    private volatile String fingerprint;
    private volatile boolean checking;
    private long timerId = -1;

    ConfigWatch(Vertx vertx, Path file, Duration period, String fingerprint, Consumer<Loaded> onChange) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.file = requireNonNull(file, "file");
        this.period = requireNonNull(period, "period");
        this.fingerprint = requireNonNull(fingerprint, "fingerprint");
        this.onChange = requireNonNull(onChange, "onChange");
    }

    /** Reads and checks {@code file}; blocking. */
    static Loaded load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return unreadable("no such file");
        } catch (IOException e) {
            return unreadable("cannot read the file: " + e.getMessage());
        }
        String fingerprint = sha256(content);
        try {
            return new Loaded(fingerprint, ConfigReader.parse(content), List.of());
        } catch (ConfigException e) {
            return new Loaded(fingerprint, null, e.problems());
        }
    }

    private static Loaded unreadable(String problem) {
        // The problem is the fingerprint: a file that stays missing is reported once.
        return new Loaded("unreadable: " + problem, null, List.of(problem));
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
        vertx.executeBlocking(() -> load(file), false).onComplete(ar -> {
            checking = false;
            if (ar.succeeded() && !ar.result().fingerprint().equals(fingerprint)) {
                fingerprint = ar.result().fingerprint();
                onChange.accept(ar.result());
            }
        });
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
