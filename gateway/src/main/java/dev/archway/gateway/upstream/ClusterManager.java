package dev.archway.gateway.upstream;

import static java.util.Objects.requireNonNull;

import dev.archway.gateway.identity.GatewayIdentity;
import dev.archway.gateway.identity.SpiffePeerCheck;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import dev.archway.gateway.tls.TlsEngine;
import dev.archway.gatewayapi.ir.UpstreamTlsIr;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Owns the upstream clients for the life of the gateway. Vert.x pools connections per endpoint
 * address inside each client, so a snapshot that keeps an endpoint keeps its warm connections:
 * the snapshot holds a {@link ClusterSet} view, never a client.
 */
public final class ClusterManager {
    /** The largest response head accepted from an upstream; bigger than the downstream limit on purpose. */
    private static final int MAX_UPSTREAM_HEADER_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final UpstreamSettings settings;
    private final GatewayIdentity identity;
    private final Map<TlsKey, ClientSSLOptions> tlsOptions = new ConcurrentHashMap<>();
    private final Map<String, ClientSSLOptions> tunnelTls = new ConcurrentHashMap<>();
    private final HttpClientAgent tunnels;
    private final HttpClientAgent http1;
    private final HttpClientAgent h2c;

    /** Tells {@code connections} of every upstream connection the pools open ({@code http1} or {@code h2c}). */
    public ClusterManager(Vertx vertx, UpstreamSettings settings,
            BiConsumer<String, HttpConnection> connections) {
        this(vertx, settings, connections, GatewayIdentity.none());
    }

    /** With the gateway's identity: its SVID is the client certificate of upstream TLS connections. */
    public ClusterManager(Vertx vertx, UpstreamSettings settings,
            BiConsumer<String, HttpConnection> connections, GatewayIdentity identity) {
        this.identity = requireNonNull(identity, "identity");
        this.vertx = requireNonNull(vertx, "vertx");
        this.settings = requireNonNull(settings, "settings");
        int connectMillis = (int) settings.connectTimeout().toMillis();
        int keepAliveSeconds = (int) Math.max(1, settings.keepAliveTimeout().toSeconds());
        HttpClientOptions http1Options = new HttpClientOptions()
                .setName("archway-upstream-http1")
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout(keepAliveSeconds)
                .setPipelining(false)
                .setConnectTimeout(connectMillis)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setMaxHeaderSize(MAX_UPSTREAM_HEADER_BYTES)
                .setMaxInitialLineLength(MAX_UPSTREAM_HEADER_BYTES)
                .setSslEngineOptions(TlsEngine.PREFERRED)
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_1_1));
        this.http1 = vertx.httpClientBuilder().with(http1Options)
                .with(new PoolOptions().setHttp1MaxSize(settings.http1PoolSize()).setMaxWaitQueueSize(-1))
                .withConnectHandler(connection -> connections.accept("http1", connection))
                .build();
        HttpClientOptions h2cOptions = new HttpClientOptions()
                .setName("archway-upstream-h2c")
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)
                .setHttp2KeepAliveTimeout(keepAliveSeconds)
                .setConnectTimeout(connectMillis)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setMaxHeaderSize(MAX_UPSTREAM_HEADER_BYTES)
                .setSslEngineOptions(TlsEngine.PREFERRED)
                // Only used over TLS (BackendTLSPolicy): h2 is then negotiated, as gRPC servers expect.
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2));
        this.h2c = vertx.httpClientBuilder().with(h2cOptions)
                .with(new PoolOptions().setHttp2MaxSize(settings.http2PoolSize()).setMaxWaitQueueSize(-1))
                .withConnectHandler(connection -> connections.accept("h2c", connection))
                .build();
        this.tunnels = tunnels(connections);
    }

    /**
     * HBONE tunnels: HTTP/2 over mutual TLS to a waypoint's or node proxy's port 15008; Vert.x
     * pools the connections per tunnel address and multiplexes the CONNECT streams over them.
     */
    private HttpClientAgent tunnels(BiConsumer<String, HttpConnection> connections) {
        HttpClientOptions options = new HttpClientOptions()
                .setName("archway-upstream-hbone")
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2))
                .setSslEngineOptions(TlsEngine.PREFERRED)
                .setHttp2KeepAliveTimeout((int) Math.max(1, settings.keepAliveTimeout().toSeconds()))
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setTcpNoDelay(true)
                .setDecompressionSupported(false);
        return vertx.httpClientBuilder().with(options)
                .with(new PoolOptions().setHttp2MaxSize(settings.http2PoolSize()).setMaxWaitQueueSize(-1))
                .withConnectHandler(connection -> connections.accept("hbone", connection))
                .build();
    }

    /** Mutual TLS 1.3 with the SVID, checking the peer's SPIFFE ID; one per expected peer, kept across reloads. */
    private ClientSSLOptions tunnelOptions(String peerPath) {
        return new ClientSSLOptions()
                .setTrustOptions(TrustOptions.wrap(new SpiffePeerCheck(identity, peerPath.isEmpty() ? null : peerPath)))
                .setKeyCertOptions(KeyCertOptions.wrap(identity.keyManager()))
                .setHostnameVerificationAlgorithm("")
                .setEnabledSecureTransportProtocols(java.util.Set.of("TLSv1.3"))
                .setUseAlpn(true)
                .setApplicationLayerProtocols(List.of("h2"))
                .setSslHandshakeTimeout(settings.connectTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    }

    public Vertx vertx() {
        return vertx;
    }

    public UpstreamSettings settings() {
        return settings;
    }

    /** The clusters of {@code snapshot}, sharing this manager's pools. */
    public ClusterSet clusters(Snapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        Map<String, Cluster> clusters = new HashMap<>();
        Map<TlsKey, ClientSSLOptions> used = new HashMap<>();
        java.util.Set<String> usedTunnels = new java.util.HashSet<>();
        for (ClusterIr ir : snapshot.clusters().values()) {
            ClientSSLOptions tls = null;
            if (ir.tls() != null && ir.tls().problem() == null) {
                TlsKey key = new TlsKey(ir.tls(), ir.protocol());
                tls = tlsOptions.computeIfAbsent(key, this::tlsOptions);
                used.put(key, tls);
            }
            ClientSSLOptions tunnel = null;
            if (ir.hbone() != null && identity.configured()) {
                String peer = ir.hbone().peerIdentityPath() == null ? "" : ir.hbone().peerIdentityPath();
                tunnel = tunnelTls.computeIfAbsent(peer, this::tunnelOptions);
                usedTunnels.add(peer);
            }
            clusters.put(ir.name(), new Cluster(ir, clientFor(ir.protocol()), tls, tunnels, tunnel));
        }
        // Options of policies gone from the config are dropped; the old snapshot keeps its own references.
        tlsOptions.keySet().retainAll(used.keySet());
        tunnelTls.keySet().retainAll(usedTunnels);
        return new ClusterSet(clusters);
    }

    /** The TLS settings of one BackendTLSPolicy for one protocol (the ALPN offer differs). */
    private record TlsKey(UpstreamTlsIr tls, UpstreamProtocol protocol) {}

    /**
     * The same options object for the same policy across snapshots: Vert.x pools connections by
     * endpoint and TLS options, so an unchanged policy keeps its warm connections over a reload.
     */
    private ClientSSLOptions tlsOptions(TlsKey key) {
        ClientSSLOptions options = new ClientSSLOptions()
                .setTrustOptions(TrustOptions.wrap(PeerCertificateCheck.of(key.tls())))
                // The policy's own check replaces the generic host name check (SANs may be URIs).
                .setHostnameVerificationAlgorithm("")
                .setUseAlpn(true)
                .setApplicationLayerProtocols(key.protocol() == UpstreamProtocol.H2C ? List.of("h2") : List.of("http/1.1"))
                .setSslHandshakeTimeout(settings.connectTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        if (identity.configured()) {
            // Presented when the upstream asks for a client certificate (mesh mTLS); asked for each handshake.
            options.setKeyCertOptions(KeyCertOptions.wrap(identity.keyManager()));
        }
        return options;
    }

    HttpClientAgent clientFor(UpstreamProtocol protocol) {
        return protocol == UpstreamProtocol.H2C ? h2c : http1;
    }

    public Future<Void> close() {
        return Future.join(http1.close(), h2c.close(), tunnels.close()).mapEmpty();
    }
}
