package dev.archway.plugins.spi;

import io.vertx.core.MultiMap;

/**
 * The request as the upstream will see it. Changes made by filters are what gets forwarded.
 */
public interface RequestHead {
    String method();

    /** {@code http} or {@code https}: what the client used to reach the gateway. */
    String scheme();

    /** The host the client asked for, without port, lower case. */
    String host();

    /** The authority forwarded upstream (the Host header); filters may rewrite it. */
    String authority();

    void authority(String authority);

    /** The path without the query string. */
    String path();

    void path(String path);

    /** The raw query string without {@code ?}, or null. */
    String query();

    /**
     * Replaces the raw query string forwarded upstream (without {@code ?}); null or empty drops
     * it. The value must already be percent-encoded as it should go on the wire. A default
     * method, so that request heads written before it existed still compile.
     */
    default void query(String query) {
        throw new UnsupportedOperationException("this request head cannot change its query");
    }

    /** Request headers, mutable; names are case-insensitive. */
    MultiMap headers();

    /** The port of the listener that received the request. */
    int listenerPort();

    /** The client's address as seen on the socket. */
    String remoteAddress();

    /**
     * The certificate the client presented on an HTTPS listener that asks for one (Gateway
     * {@code spec.tls.frontend}), or null (plain HTTP, no validation configured, or none sent). Read
     * from the connection on first use. A default method, so request heads written before it
     * existed still compile.
     */
    default ClientCertificate clientCertificate() {
        return null;
    }
}
