package dev.archway.gateway.chain;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.upstream.OutgoingRequest;
import dev.archway.gateway.upstream.ProxyHeaders;
import dev.archway.plugins.spi.RequestHead;
import dev.archway.gateway.listener.ClientCertificates;
import dev.archway.plugins.spi.ClientCertificate;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpConnection;

/** The request as filters see and change it; what the upstream finally receives. */
final class ExchangeRequestHead implements RequestHead {
    private final String method;
    private final String scheme;
    private final String host;
    private final String originalAuthority;
    private String authority;
    private final String originalPath;
    private String path;
    private String query;
    private final MultiMap headers;
    private final int listenerPort;
    private final String remoteAddress;
    /** The client's connection, read for its certificate on first use; null in tests without one. */
    private final HttpConnection connection;
    private ClientCertificate clientCertificate;
    private boolean clientCertificateRead;

    ExchangeRequestHead(String method, String scheme, String host, String authority, String path, String query,
            MultiMap headers, int listenerPort, String remoteAddress, HttpConnection connection) {
        this.connection = connection;
        this.method = requireNonNull(method, "method");
        this.scheme = requireNonNull(scheme, "scheme");
        this.host = requireNonNull(host, "host");
        this.originalAuthority = authority;
        this.authority = authority;
        this.originalPath = requireNonNull(path, "path");
        this.path = path;
        this.query = query;
        this.headers = requireNonNull(headers, "headers");
        this.listenerPort = listenerPort;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public ClientCertificate clientCertificate() {
        if (!clientCertificateRead) {
            clientCertificateRead = true;
            clientCertificate = connection == null ? null : ClientCertificates.presentedOn(connection);
        }
        return clientCertificate;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String authority() {
        return authority;
    }

    @Override
    public void authority(String authority) {
        this.authority = requireNonNull(authority, "authority");
    }

    String originalAuthority() {
        return originalAuthority;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void path(String path) {
        requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: '" + path + "' (expected: starts with /)");
        }
        this.path = path;
    }

    String originalPath() {
        return originalPath;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public void query(String query) {
        this.query = query == null || query.isEmpty() ? null : query;
    }

    @Override
    public MultiMap headers() {
        return headers;
    }

    @Override
    public int listenerPort() {
        return listenerPort;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    String pathAndQuery() {
        return query == null ? path : path + "?" + query;
    }

    /**
     * The request as it leaves for the upstream: hop-by-hop headers dropped, forwarded headers
     * added, Host carried separately. Changes {@link #headers()} in place: this is the last step.
     */
    OutgoingRequest toOutgoing(boolean webSocketUpgrade) {
        ProxyHeaders.stripRequest(headers, webSocketUpgrade);
        ProxyHeaders.addForwarded(headers, remoteAddress, scheme, originalAuthority);
        headers.remove("host");
        return new OutgoingRequest(method, pathAndQuery(), authority, headers);
    }
}
