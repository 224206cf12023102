package dev.archway.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTPS backend on loopback that answers with what it saw of the connection as JSON: the SNI
 * the client sent, the HTTP version (h2 through ALPN or HTTP/1.1), the Host/:authority, and the
 * client certificate's URI SAN and serial when it asks for one.
 */
public final class TlsBackend implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private TlsBackend(HttpServer server) {
        this.server = server;
    }

    /**
     * @param clientCa when not null, a client certificate signed by it is required (mutual TLS)
     * @param closeEachConnection answer with {@code Connection: close}, so every request makes a new handshake
     */
    public static TlsBackend start(Vertx vertx, TestSpiffeCa.Svid serverCertificate, TestSpiffeCa clientCa,
            boolean closeEachConnection) {
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)).setSni(true)
                .setKeyCertOptions(new PemKeyCertOptions().addCertValue(Buffer.buffer(serverCertificate.certificatePem()))
                        .addKeyValue(Buffer.buffer(serverCertificate.keyPem())));
        if (clientCa != null) {
            options.setClientAuth(ClientAuth.REQUIRED)
                    .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(clientCa.bundlePem())));
        }
        TlsBackend[] self = new TlsBackend[1];
        HttpServer server = vertx.createHttpServer(options).requestHandler(request -> {
            self[0].requests.incrementAndGet();
            JsonObject seen = new JsonObject()
                    .put("sni", request.connection().indicatedServerName())
                    .put("version", request.version().name())
                    .put("authority", request.authority() == null ? null : request.authority().toString())
                    .put("path", request.path());
            try {
                List<Certificate> chain = request.connection().peerCertificates();
                if (chain != null && !chain.isEmpty()) {
                    X509Certificate leaf = (X509Certificate) chain.get(0);
                    seen.put("clientSerial", leaf.getSerialNumber().toString());
                    for (List<?> san : leaf.getSubjectAlternativeNames()) {
                        if (Integer.valueOf(6).equals(san.get(0))) {
                            seen.put("clientUri", san.get(1));
                        }
                    }
                }
            } catch (Exception noClientCertificate) {
                // one-way TLS
            }
            var response = request.response().putHeader("content-type", "application/json");
            if (closeEachConnection && request.version() == HttpVersion.HTTP_1_1) {
                response.putHeader("connection", "close");
            }
            response.end(seen.encode());
        });
        self[0] = new TlsBackend(TestClient.await(server.listen(0, "127.0.0.1")));
        return self[0];
    }

    public int port() {
        return server.actualPort();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        TestClient.await(server.close());
    }
}
