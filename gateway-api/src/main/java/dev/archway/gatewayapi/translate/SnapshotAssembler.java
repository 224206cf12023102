package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.ClientValidationIr;
import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.ListenerIr;
import dev.archway.gatewayapi.ir.ListenerProtocol;
import dev.archway.gatewayapi.ir.PortIr;
import dev.archway.gatewayapi.ir.RouteIr;
import dev.archway.gatewayapi.ir.Snapshot;
import dev.archway.gatewayapi.ir.TlsCertificateIr;
import dev.archway.gatewayapi.ir.VirtualHostIr;
import dev.archway.gatewayapi.status.Reasons;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Last pass: the programmable listeners of accepted Gateways become ports, listeners and virtual
 * hosts. A virtual host holds its own routes first and then, at lower precedence, the routes of
 * less specific hostnames that cover it, so a request for {@code a.example.com} can still reach a
 * route written for {@code *.example.com} when no more specific rule matches.
 */
final class SnapshotAssembler {
    private SnapshotAssembler() {}

    static Snapshot assemble(List<GatewayModel> gateways, Map<String, ClusterIr> clusters) {
        Map<String, PortBuilder> ports = new TreeMap<>();
        for (GatewayModel model : gateways) {
            if (!model.accepted || (model.parent != null && !model.parent.accepted)) {
                continue;
            }
            for (ListenerModel l : model.listeners) {
                if (!l.programmable || !l.attachable) {
                    continue;
                }
                for (String address : l.gateway().addresses) {
                    String name = (address.contains(":") ? "[" + address + "]" : address) + ":" + l.port;
                    PortBuilder port = ports.computeIfAbsent(name, n -> new PortBuilder(n, address, l.port, l.protocol));
                    if (port.protocol.equals(l.protocol)) {
                        port.listeners.add(l);
                    } else {
                        // Another (older) Gateway already serves this address and port with another protocol.
                        ListenerModel first = port.listeners.get(0);
                        String message = name + " is already served with protocol " + port.protocol + " by listener "
                                + first.name + " of " + first.owner.ref;
                        l.conditions.replace(Reasons.CONFLICTED, true, Reasons.PROTOCOL_CONFLICT, message);
                        l.conditions.replace(Reasons.PROGRAMMED, false, Reasons.INVALID, message);
                    }
                }
            }
        }
        List<PortIr> out = new ArrayList<>();
        for (PortBuilder p : ports.values()) {
            out.add(p.build());
        }
        return new Snapshot(0, out, new TreeMap<>(clusters));
    }

    private static final class PortBuilder {
        final String name;
        final String address;
        final int port;
        final String protocol;
        final List<ListenerModel> listeners = new ArrayList<>();

        PortBuilder(String name, String address, int port, String protocol) {
            this.name = name;
            this.address = address;
            this.port = port;
            this.protocol = protocol;
        }

        PortIr build() {
            listeners.sort(Comparator.comparing((ListenerModel l) -> l.hostname == null ? Hostnames.ANY : l.hostname,
                    Hostnames.MOST_SPECIFIC_FIRST).thenComparing(l -> l.owner.ref.toString()).thenComparing(l -> l.name));
            List<ListenerIr> irs = new ArrayList<>();
            Map<String, TlsCertificateIr> certs = new LinkedHashMap<>();
            // One socket, one handshake policy: listeners sharing it share the first client
            // validation any of them asks for (stricter than none, never looser).
            ClientValidationIr validation = null;
            for (ListenerModel l : listeners) {
                irs.add(listener(l));
                if (validation == null) {
                    validation = l.clientValidation;
                }
                for (TlsCertificateIr c : l.certificates) {
                    TlsCertificateIr prior = certs.get(c.name());
                    if (prior == null) {
                        certs.put(c.name(), c);
                    } else {
                        Set<String> names = new LinkedHashSet<>(prior.serverNames());
                        names.addAll(c.serverNames());
                        certs.put(c.name(), new TlsCertificateIr(c.name(), c.certificatePem(), c.privateKeyPem(), List.copyOf(names)));
                    }
                }
            }
            return new PortIr(name, address, port, ListenerProtocol.valueOf(protocol), List.copyOf(certs.values()), irs,
                    validation);
        }
    }

    private static ListenerIr listener(ListenerModel l) {
        String name = l.owner.ref.kind().toLowerCase(java.util.Locale.ROOT) + "/" + l.owner.namespace + "/" + l.owner.name
                + "/listener/" + l.name;
        // Each hostname's routes, sorted once by Gateway API precedence; only wildcard hostnames
        // (and the catch-all) can add their routes to another host's, so a listener with many
        // exact hostnames does not compare every route with every host.
        Map<String, List<RouteEntry>> byHostname = new TreeMap<>(Hostnames.MOST_SPECIFIC_FIRST);
        l.routes.forEach(e -> byHostname.computeIfAbsent(e.hostname(), h -> new ArrayList<>()).add(e));
        byHostname.values().forEach(group -> group.sort(RoutePrecedence.ORDER));
        List<String> wildcards = new ArrayList<>();
        for (String hostname : byHostname.keySet()) {
            if (hostname.equals(Hostnames.ANY) || hostname.startsWith("*.")) {
                wildcards.add(hostname);
            }
        }
        List<VirtualHostIr> vhosts = new ArrayList<>();
        for (String host : byHostname.keySet()) {
            vhosts.add(new VirtualHostIr(name + "/vhost/" + host, host, routesFor(host, byHostname, wildcards)));
        }
        return new ListenerIr(name, l.owner.ref, l.name, l.hostname, vhosts);
    }

    /** The routes of {@code host}: by hostname, most specific first; within one, Gateway API precedence. */
    private static List<RouteIr> routesFor(String host, Map<String, List<RouteEntry>> byHostname,
            List<String> wildcards) {
        Set<String> covering = new java.util.TreeSet<>(Hostnames.MOST_SPECIFIC_FIRST);
        if (byHostname.containsKey(host)) {
            covering.add(host);
        }
        for (String wildcard : wildcards) {
            if (wildcard.equals(host) || Hostnames.covers(wildcard, host)) {
                covering.add(wildcard);
            }
        }
        Map<String, RouteIr> routes = new LinkedHashMap<>();
        for (String hostname : covering) {
            byHostname.get(hostname).forEach(e -> routes.putIfAbsent(e.route().name(), e.route()));
        }
        return List.copyOf(routes.values());
    }
}
