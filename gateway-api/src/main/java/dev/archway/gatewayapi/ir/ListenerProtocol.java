package dev.archway.gatewayapi.ir;

/** What a bound port speaks. HTTPS terminates TLS and offers h2 and http/1.1 through ALPN. */
public enum ListenerProtocol {
    HTTP,
    HTTPS
}
