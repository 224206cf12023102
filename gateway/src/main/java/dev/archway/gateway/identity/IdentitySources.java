package dev.archway.gateway.identity;

import io.vertx.core.Vertx;

/** Starts the source {@link IdentitySettings} names and returns the identity it feeds. */
public final class IdentitySources {
    private IdentitySources() {}

    /** A started identity and the source to close at shutdown. */
    public record Started(GatewayIdentity identity, AutoCloseable source) {}

    /**
     * @param settings null for a gateway without an identity
     * @throws IllegalArgumentException when SVID files cannot be used (see {@link PemFileSource#start})
     */
    public static Started start(Vertx vertx, IdentitySettings settings) {
        if (settings == null) {
            return new Started(GatewayIdentity.none(), () -> {});
        }
        if (settings instanceof IdentitySettings.PemFiles files) {
            GatewayIdentity identity = new GatewayIdentity("files");
            return new Started(identity, PemFileSource.start(vertx, files, identity));
        }
        IdentitySettings.WorkloadApi api = (IdentitySettings.WorkloadApi) settings;
        GatewayIdentity identity = new GatewayIdentity("workload-api");
        return new Started(identity, WorkloadApiSource.start(vertx, api, identity));
    }
}
