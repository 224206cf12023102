package dev.archway.gateway.upstream;

import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.EndpointIr;
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
    private final List<EndpointIr> endpoints;
    private final AtomicInteger next = new AtomicInteger();

    Cluster(ClusterIr ir, HttpClientAgent client, ClientSSLOptions tls) {
        this.ir = ir;
        this.client = client;
        this.tls = tls;
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
        return ir.tls() == null || ir.tls().problem() == null ? null
                : new UpstreamFailure(503, "upstream_tls_failure", ir.tls().problem(), null);
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
