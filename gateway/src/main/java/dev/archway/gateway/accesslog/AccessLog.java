package dev.archway.gateway.accesslog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes {@link AccessRecord}s to the {@code archway.access} logger at INFO. */
public final class AccessLog {
    public static final String LOGGER_NAME = "archway.access";

    private final Logger logger;

    public AccessLog() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    AccessLog(Logger logger) {
        this.logger = logger;
    }

    public void log(AccessRecord record) {
        if (logger.isInfoEnabled()) {
            logger.info(record.toJson());
        }
    }
}
