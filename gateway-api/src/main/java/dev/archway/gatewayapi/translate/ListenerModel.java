package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.ClientValidationIr;
import dev.archway.gatewayapi.ir.TlsCertificateIr;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import java.util.ArrayList;
import java.util.List;

/** One listener of a {@link GatewayModel}, and the routes that attached to it. */
final class ListenerModel {
    final GatewayModel owner;
    final String name;
    final int port;
    final String protocol;
    /** Normalized listener hostname, or null for any. */
    final String hostname;
    final AllowedRoutes allowedRoutes;
    final Conditions conditions;
    final List<RouteGroupKind> supportedKinds = new ArrayList<>();
    final List<TlsCertificateIr> certificates = new ArrayList<>();
    /** For HTTPS: the client certificate check the Gateway's spec.tls.frontend asks of this port, or null. */
    ClientValidationIr clientValidation;
    final List<RouteEntry> routes = new ArrayList<>();
    /** False for protocols Archway does not serve: routes cannot attach. */
    boolean attachable = true;
    /** False when the listener must not be bound (invalid certificates, conflicts). */
    boolean programmable = true;
    int attachedRoutes;

    ListenerModel(GatewayModel owner, String name, Integer port, String protocol, String hostname,
            AllowedRoutes allowedRoutes, Conditions conditions) {
        this.owner = owner;
        this.name = name;
        this.port = port == null ? 0 : port;
        this.protocol = protocol == null ? "" : protocol;
        this.hostname = Hostnames.normalize(hostname == null || hostname.isEmpty() ? null : hostname);
        this.allowedRoutes = allowedRoutes;
        this.conditions = conditions;
    }

    /** The Gateway whose addresses this listener binds (the parent for a ListenerSet). */
    GatewayModel gateway() {
        return owner.parent == null ? owner : owner.parent;
    }
}
