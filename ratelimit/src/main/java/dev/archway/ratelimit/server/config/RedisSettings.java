package dev.archway.ratelimit.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where the counts live when several servers share them: {@code url} ({@code redis://} or
 * {@code rediss://}, with credentials and database as Redis URIs write them) and the longest a
 * Redis command may take before the request is answered UNAVAILABLE.
 */
public record RedisSettings(String url, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    public RedisSettings {
        requireNonNull(url, "url");
        requireNonNull(timeout, "timeout");
    }

    /** The URL without user and password, for logs and error messages. */
    public String redactedUrl() {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + "***@" + url.substring(at + 1) : url;
    }

    @Override
    public String toString() {
        return "RedisSettings[url=" + redactedUrl() + ", timeout=" + timeout + "]";
    }
}
