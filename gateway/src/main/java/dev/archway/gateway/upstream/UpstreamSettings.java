package dev.archway.gateway.upstream;

import java.time.Duration;

/**
 * How the gateway talks to upstreams.
 *
 * @param connectTimeout a refused or unreachable endpoint fails within this (502)
 * @param http1PoolSize connections per HTTP/1.1 endpoint
 * @param http2PoolSize connections per h2c endpoint (each multiplexes many streams)
 * @param keepAliveTimeout idle pooled connections close after this; shorter than typical upstream
 *     idle limits, so the gateway rarely reuses a connection the upstream is closing
 */
public record UpstreamSettings(Duration connectTimeout, int http1PoolSize, int http2PoolSize, Duration keepAliveTimeout) {

    public static UpstreamSettings defaults() {
        return new UpstreamSettings(Duration.ofSeconds(2), 256, 4, Duration.ofSeconds(30));
    }

    public UpstreamSettings {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout: " + connectTimeout + " (expected: > 0)");
        }
        if (http1PoolSize <= 0) {
            throw new IllegalArgumentException("http1PoolSize: " + http1PoolSize + " (expected: > 0)");
        }
        if (http2PoolSize <= 0) {
            throw new IllegalArgumentException("http2PoolSize: " + http2PoolSize + " (expected: > 0)");
        }
        if (keepAliveTimeout == null || keepAliveTimeout.isNegative()) {
            throw new IllegalArgumentException("keepAliveTimeout: " + keepAliveTimeout + " (expected: >= 0)");
        }
    }
}
