package dev.archway.gateway.chain;

/**
 * Per-request limits of the chain driver.
 *
 * @param maxBufferedBodyBytes a body a filter asked to buffer may be this big; beyond, 413
 */
public record ExchangeSettings(int maxBufferedBodyBytes) {
    public static final int DEFAULT_MAX_BUFFERED_BODY_BYTES = 1024 * 1024;

    public ExchangeSettings {
        if (maxBufferedBodyBytes < 0) {
            throw new IllegalArgumentException("maxBufferedBodyBytes: " + maxBufferedBodyBytes + " (expected: >= 0)");
        }
    }

    public static ExchangeSettings defaults() {
        return new ExchangeSettings(DEFAULT_MAX_BUFFERED_BODY_BYTES);
    }
}
