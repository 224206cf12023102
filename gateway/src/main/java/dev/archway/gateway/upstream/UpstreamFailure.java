package dev.archway.gateway.upstream;

/**
 * An upstream request that produced no response head: the status the client gets (502 or 504)
 * and a short reason for the access log.
 */
public final class UpstreamFailure extends RuntimeException {
    private final int status;
    private final String reason;

    UpstreamFailure(int status, String reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.reason = reason;
    }

    /** 502 (connect failure, reset, protocol error), 503 (no pooled connection in time) or 504 (timeout). */
    public int status() {
        return status;
    }

    /**
     * {@code upstream_connect_failure}, {@code upstream_tls_failure}, {@code upstream_reset},
     * {@code upstream_overflow} or {@code upstream_timeout}.
     */
    public String reason() {
        return reason;
    }

    static UpstreamFailure timeout(String endpoint, long millis) {
        return new UpstreamFailure(504, "upstream_timeout",
                "upstream " + endpoint + " sent no response within " + millis + " ms", null);
    }

    static UpstreamFailure from(String endpoint, Throwable cause) {
        if (cause instanceof UpstreamFailure failure) {
            return failure;
        }
        // Vert.x says so when RequestOptions.connectTimeout passed while waiting for the pool.
        if (String.valueOf(cause.getMessage()).contains("when getting a connection")) {
            return new UpstreamFailure(503, "upstream_overflow",
                    "no connection to upstream " + endpoint + " became free in time: " + cause.getMessage(), cause);
        }
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException) {
            return new UpstreamFailure(504, "upstream_timeout", "upstream " + endpoint + " went idle: " + cause.getMessage(),
                    cause);
        }
        javax.net.ssl.SSLException tls = find(cause, javax.net.ssl.SSLException.class);
        if (tls != null) {
            // The peer is not who the BackendTLSPolicy names, or does not speak TLS: the upstream is
            // unavailable to this gateway until one side changes (Envoy answers 503 too).
            java.security.cert.CertificateException rejected = find(cause, java.security.cert.CertificateException.class);
            String why = rejected != null ? rejected.getMessage() : tls.getMessage();
            return new UpstreamFailure(503, "upstream_tls_failure", "TLS to upstream " + endpoint + " failed: " + why,
                    cause);
        }
        boolean connect = cause instanceof java.net.ConnectException
                || cause instanceof io.netty.channel.ConnectTimeoutException
                || cause instanceof java.net.UnknownHostException
                || String.valueOf(cause.getMessage()).contains("onnection refused");
        return connect
                ? new UpstreamFailure(502, "upstream_connect_failure",
                        "cannot connect to upstream " + endpoint + ": " + cause.getMessage(), cause)
                : new UpstreamFailure(502, "upstream_reset",
                        "upstream " + endpoint + " failed before responding: " + cause, cause);
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
