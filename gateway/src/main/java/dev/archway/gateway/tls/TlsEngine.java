package dev.archway.gateway.tls;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;

/** Which TLS implementation listeners and upstream connections use. */
public final class TlsEngine {
    /**
     * BoringSSL (netty-tcnative) when its native library loads on this platform, else the JDK's
     * engine. BoringSSL costs well under half the CPU per handshake and per byte.
     */
    public static final SSLEngineOptions PREFERRED = OpenSSLEngineOptions.isAvailable()
            ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();

    private TlsEngine() {}

    /** For logs: {@code BoringSSL} or {@code the JDK}. */
    public static String name() {
        return PREFERRED instanceof OpenSSLEngineOptions ? "BoringSSL" : "the JDK";
    }
}
