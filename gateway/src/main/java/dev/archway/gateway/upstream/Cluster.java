package dev.archway.gateway.upstream;

import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.HboneIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One cluster of a snapshot: its endpoints in round robin, and the pool that reaches them. */
public final class Cluster {
    private final ClusterIr ir;
    private final HttpClientAgent client;
    private final ClientSSLOptions tls;
    private final HttpClientAgent tunnels;
    private final ClientSSLOptions tunnelTls;
    private final List<EndpointIr> endpoints;
    private final AtomicInteger next = new AtomicInteger();

    Cluster(ClusterIr ir, HttpClientAgent client, ClientSSLOptions tls, HttpClientAgent tunnels, ClientSSLOptions tunnelTls) {
        this.ir = ir;
        this.client = client;
        this.tls = tls;
        this.tunnels = tunnels;
        this.tunnelTls = tunnelTls;
        this.endpoints = ir.endpoints();
    }

    public String name() {
        return ir.name();
    }

    public UpstreamProtocol protocol() {
        return ir.protocol() == null ? UpstreamProtocol.HTTP1 : ir.protocol();
    }

    HttpClientAgent client() {
        return client;
    }

    /** Request options aimed at {@code endpoint}: over TLS with the policy's SNI when the cluster has one. */
    RequestOptions target(EndpointIr endpoint) {
        RequestOptions options = new RequestOptions().setServer(SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host()));
        if (tls != null) {
            // The host is what TLS names (SNI); the request's own Host/:authority is set separately.
            options.setSsl(true).setSslOptions(tls).setHost(ir.tls().serverName()).setPort(endpoint.port());
        }
        return options;
    }

    /**
     * Why this cluster cannot be reached (its BackendTLSPolicy has no usable CA certificate), or
     * null. Requests then fail with 503 instead of going out in plain text.
     */
    UpstreamFailure unreachable() {
        if (ir.hbone() != null && tunnelTls == null) {
            return new UpstreamFailure(503, "upstream_tunnel_failure", "cluster " + ir.name() + " is in the mesh ("
                    + ir.hbone().via() + ") and HBONE needs the gateway's SPIFFE identity: start it with --svid-cert/"
                    + "--svid-key/--svid-bundle or --spiffe-socket", null);
        }
        return ir.tls() == null || ir.tls().problem() == null ? null
                : new UpstreamFailure(503, "upstream_tls_failure", ir.tls().problem(), null);
    }

    /** The mesh tunnel this cluster is reached through, or null. */
    public HboneIr hbone() {
        return ir.hbone();
    }

    HttpClientAgent tunnels() {
        return tunnels;
    }

    /**
     * The {@code CONNECT} that opens a tunnel for one request to {@code endpoint}: to the endpoint
     * itself when it is a waypoint, else to its node proxy's tunnel port. No SNI (an IP literal).
     */
    RequestOptions tunnel(EndpointIr endpoint) {
        HboneIr hbone = ir.hbone();
        int port = hbone.authority() == null ? hbone.tunnelPort() : endpoint.port();
        return new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(port, endpoint.host()))
                .setMethod(io.vertx.core.http.HttpMethod.CONNECT)
                .setSsl(true).setSslOptions(tunnelTls)
                .setHost(endpoint.host()).setPort(port);
    }

    /** What the tunnel {@code CONNECT}s to: the Service address through a waypoint, else the endpoint. */
    String tunnelAuthority(EndpointIr endpoint) {
        return ir.hbone().authority() != null ? ir.hbone().authority() : endpoint.toString();
    }

    /** Whether the gateway speaks TLS to this cluster (a BackendTLSPolicy applies). */
    public boolean tls() {
        return tls != null;
    }

    /** Whether there is any endpoint (fixed for the snapshot's lifetime). */
    public boolean hasEndpoints() {
        return !endpoints.isEmpty();
    }

    /** The next endpoint in round robin, or null when the cluster has none (503). */
    public EndpointIr nextEndpoint() {
        int size = endpoints.size();
        if (size == 0) {
            return null;
        }
        if (size == 1) {
            return endpoints.get(0);
        }
        return endpoints.get(Math.floorMod(next.getAndIncrement(), size));
    }
}
