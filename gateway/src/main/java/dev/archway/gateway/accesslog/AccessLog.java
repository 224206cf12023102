package dev.archway.gateway.accesslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per finished request, never on the caller's thread's time: to stdout through
 * the {@code archway.access} logger (whose appender is asynchronous), to a file through a writer
 * thread of its own, or nowhere.
 */
public final class AccessLog implements AutoCloseable {
    public static final String LOGGER_NAME = "archway.access";

    private final Logger logger;
    private final FileAccessLogWriter file;
    private final AccessLogFormat format;
    private final boolean off;

    private AccessLog(Logger logger, FileAccessLogWriter file, AccessLogFormat format, boolean off) {
        this.logger = logger;
        this.file = file;
        this.format = format;
        this.off = off;
    }

    /** JSON lines on stdout: the default. */
    public AccessLog() {
        this(LoggerFactory.getLogger(LOGGER_NAME), null, AccessLogFormat.JSON, false);
    }

    /**
     * The access log a user asked for.
     *
     * @param destination {@code stdout}, {@code off}, or a file path (appended to)
     * @throws IllegalArgumentException when the file cannot be opened for appending
     */
    public static AccessLog to(String destination, AccessLogFormat format) {
        switch (destination) {
            case "stdout":
                return new AccessLog(LoggerFactory.getLogger(LOGGER_NAME), null, format, false);
            case "off":
                return new AccessLog(null, null, format, true);
            default:
                try {
                    return new AccessLog(null, new FileAccessLogWriter(Path.of(destination)), format, false);
                } catch (IOException | UncheckedIOException e) {
                    throw new IllegalArgumentException("--access-log " + destination + ": cannot append to it: " + e);
                }
        }
    }

    public void log(AccessRecord record) {
        if (off) {
            return;
        }
        if (file != null) {
            file.write(format.render(record));
        } else if (logger.isInfoEnabled()) {
            logger.info(format.render(record));
        }
    }

    /** Writes what is queued and stops the file writer. */
    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }
}
