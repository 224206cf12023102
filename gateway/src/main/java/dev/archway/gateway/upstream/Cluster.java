package dev.archway.gateway.upstream;

import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import io.vertx.core.http.HttpClientAgent;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One cluster of a snapshot: its endpoints in round robin, and the pool that reaches them. */
public final class Cluster {
    private final ClusterIr ir;
    private final HttpClientAgent client;
    private final List<EndpointIr> endpoints;
    private final AtomicInteger next = new AtomicInteger();

    Cluster(ClusterIr ir, HttpClientAgent client) {
        this.ir = ir;
        this.client = client;
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
