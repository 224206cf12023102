package dev.archway.plugins.testing;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.RequestHead;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.util.Locale;

/** A mutable request head, as the gateway would hand it to the filters. */
public final class TestRequest implements RequestHead {
    private final String method;
    private final String scheme;
    private final String host;
    private String authority;
    private String path;
    private String query;
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private int listenerPort;
    private String remoteAddress = "127.0.0.1";
    private dev.archway.plugins.spi.ClientCertificate clientCertificate;

    private TestRequest(String method, String scheme, String host, String authority, String path, String query,
            int listenerPort) {
        this.method = method;
        this.scheme = scheme;
        this.host = host;
        this.authority = authority;
        this.path = path;
        this.query = query;
        this.listenerPort = listenerPort;
    }

    /**
     * A request for {@code url} as the client sent it, e.g. {@code http://example.com:8080/a?b=1}.
     * The listener port is the URL's port, or the scheme's default.
     */
    public static TestRequest of(String method, String url) {
        requireNonNull(method, "method");
        URI uri = URI.create(requireNonNull(url, "url"));
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        TestRequest request = new TestRequest(method, scheme, uri.getHost().toLowerCase(Locale.ROOT),
                uri.getRawAuthority(), path, uri.getRawQuery(), port);
        request.headers.set("host", uri.getRawAuthority());
        return request;
    }

    public static TestRequest get(String url) {
        return of("GET", url);
    }

    /** Overrides the listener port, e.g. for a gateway behind a port mapping. */
    public TestRequest listenerPort(int port) {
        this.listenerPort = port;
        return this;
    }

    public TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** The certificate the client presented (null: none). */
    public TestRequest clientCertificate(dev.archway.plugins.spi.ClientCertificate certificate) {
        this.clientCertificate = certificate;
        return this;
    }

    @Override
    public dev.archway.plugins.spi.ClientCertificate clientCertificate() {
        return clientCertificate;
    }

    public TestRequest remoteAddress(String address) {
        this.remoteAddress = requireNonNull(address, "address");
        return this;
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

    @Override
    public String path() {
        return path;
    }

    @Override
    public void path(String path) {
        this.path = requireNonNull(path, "path");
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
}
