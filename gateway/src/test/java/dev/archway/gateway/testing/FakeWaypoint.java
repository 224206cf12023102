package dev.archway.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HBONE endpoint written for the tests, as an Istio waypoint or ztunnel behaves on port 15008:
 * TLS 1.3 with ALPN h2 only, a client certificate of the mesh's CA required, HTTP/2 {@code CONNECT}
 * to {@code host:port}, then the stream's bytes relayed to that destination over TCP. It records
 * each tunnel (authority, the client's SPIFFE ID, the HBONE headers) and counts connections.
 */
public final class FakeWaypoint implements AutoCloseable {
    /** One tunnel as the waypoint saw it. */
    public record Tunnel(String authority, String clientSpiffeId, String forwarded, String traceparent) {}

    private final HttpServer server;
    private final NetClient upstream;
    private final List<Tunnel> tunnels = new CopyOnWriteArrayList<>();
    private final Set<Object> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();

    private FakeWaypoint(HttpServer server, NetClient upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /**
     * @param certificate the waypoint's own SVID
     * @param destinations CONNECT authority → loopback port it stands for (a Service VIP the waypoint
     *     resolves); an authority not listed is dialled as given (a pod address)
     */
    public static FakeWaypoint start(Vertx vertx, TestSpiffeCa.Svid certificate, TestSpiffeCa mesh,
            Map<String, Integer> destinations) {
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2))
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.3"))
                .setKeyCertOptions(new PemKeyCertOptions().addCertValue(Buffer.buffer(certificate.certificatePem()))
                        .addKeyValue(Buffer.buffer(certificate.keyPem())))
                .setClientAuth(ClientAuth.REQUIRED)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(mesh.bundlePem())));
        NetClient client = vertx.createNetClient();
        FakeWaypoint[] self = new FakeWaypoint[1];
        HttpServer server = vertx.createHttpServer(options)
                .connectionHandler(connection -> self[0].connections.add(connection))
                .requestHandler(request -> {
                    if (request.method() != HttpMethod.CONNECT || request.version() != HttpVersion.HTTP_2) {
                        self[0].refused.incrementAndGet();
                        request.response().setStatusCode(405).end();
                        return;
                    }
                    String authority = request.authority().toString();
                    String spiffeId = null;
                    try {
                        X509Certificate leaf = (X509Certificate) request.connection().peerCertificates().get(0);
                        for (List<?> san : leaf.getSubjectAlternativeNames()) {
                            if (Integer.valueOf(6).equals(san.get(0))) {
                                spiffeId = (String) san.get(1);
                            }
                        }
                    } catch (Exception e) {
                        spiffeId = "none";
                    }
                    self[0].tunnels.add(new Tunnel(authority, spiffeId, request.getHeader("forwarded"),
                            request.getHeader("traceparent")));
                    int colon = authority.lastIndexOf(':');
                    Integer mapped = destinations.get(authority);
                    int port = mapped != null ? mapped : Integer.parseInt(authority.substring(colon + 1));
                    String host = mapped != null ? "127.0.0.1" : authority.substring(0, colon);
                    request.pause();
                    client.connect(port, host).onComplete(dialled -> {
                        if (dialled.failed()) {
                            request.response().setStatusCode(503).end();
                            return;
                        }
                        var target = dialled.result();
                        request.toNetSocket().onSuccess(stream -> {
                            stream.pipeTo(target);
                            target.pipeTo(stream);
                        });
                    });
                });
        self[0] = new FakeWaypoint(TestClient.await(server.listen(0, "127.0.0.1")), client);
        return self[0];
    }

    public int port() {
        return server.actualPort();
    }

    public List<Tunnel> tunnels() {
        return tunnels;
    }

    /** TLS connections the gateway opened to this waypoint. */
    public int connections() {
        return connections.size();
    }

    @Override
    public void close() {
        TestClient.await(server.close());
        TestClient.await(upstream.close());
    }
}
