package dev.archway.gatewayapi.translate;

import static dev.archway.gatewayapi.status.Reasons.*;

import dev.archway.gatewayapi.ir.ClusterIr;
import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.SourceRef;
import dev.archway.gatewayapi.ir.UpstreamProtocol;
import dev.archway.gatewayapi.ir.UpstreamTlsIr;
import dev.archway.gatewayapi.model.ArchwayResource;
import dev.archway.gatewayapi.model.Backend;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves backendRefs (Services and Archway Backends) to clusters, and collects the clusters of
 * the snapshot. A ref that does not resolve gives a reason and message instead of a cluster.
 */
final class BackendResolver {
    /** A resolved cluster name, or the condition reason and message why not. */
    record Resolution(String cluster, String reason, String message) {
        boolean ok() {
            return cluster != null;
        }
    }

    private final ResourceIndex index;
    private final ReferenceGrants grants;
    private final BackendTlsPolicies tlsPolicies;
    private final Map<String, ClusterIr> clusters = new TreeMap<>();

    BackendResolver(ResourceIndex index, ReferenceGrants grants, BackendTlsPolicies tlsPolicies) {
        this.index = index;
        this.grants = grants;
        this.tlsPolicies = tlsPolicies;
    }

    /** A cluster that {@link #resolve} returned; null for null (a backend that did not resolve). */
    ClusterIr cluster(String name) {
        return name == null ? null : clusters.get(name);
    }

    Map<String, ClusterIr> clusters() {
        return clusters;
    }

    /**
     * @param routeKind HTTPRoute or GRPCRoute (the ReferenceGrant "from" kind)
     * @param forceH2c GRPCRoute backends always speak HTTP/2
     */
    Resolution resolve(String path, String routeKind, String routeNamespace, String group, String kind,
            String namespace, String name, Integer port, boolean forceH2c) {
        return resolve(path, GatewayPass.GATEWAY_GROUP, routeKind, routeNamespace, group, kind, namespace, name, port,
                forceH2c);
    }

    /** As a route's ref, but from any kind (a GatewayExtension's service): {@code fromGroup} for ReferenceGrants. */
    Resolution resolve(String path, String fromGroup, String fromKind, String fromNamespace, String group, String kind,
            String namespace, String name, Integer port, boolean forceH2c) {
        String routeKind = fromKind;
        String routeNamespace = fromNamespace;
        String g = group == null ? "" : group;
        String k = kind == null ? "Service" : kind;
        String ns = namespace == null ? routeNamespace : namespace;
        boolean service = g.isEmpty() && k.equals("Service");
        boolean backend = g.equals(ArchwayResource.GROUP) && k.equals(Backend.KIND);
        if (!service && !backend) {
            return fail(INVALID_KIND, path + ": " + (g.isEmpty() ? "core" : g) + "/" + k
                    + " is not a supported backend kind (expected: Service or gateway.archway.dev/Backend)");
        }
        if (!grants.permits(fromGroup, routeKind, routeNamespace, g, k, ns, name)) {
            return fail(REF_NOT_PERMITTED, path + ": " + k + " " + ns + "/" + name
                    + " is in another namespace and no ReferenceGrant allows it");
        }
        return service ? service(path, ns, name, port, forceH2c) : backend(path, ns, name, forceH2c);
    }

    private Resolution service(String path, String ns, String name, Integer port, boolean forceH2c) {
        Service svc = index.service(ns, name);
        if (svc == null) {
            return fail(BACKEND_NOT_FOUND, path + ": Service " + ns + "/" + name + " not found");
        }
        if (port == null) {
            return fail(UNSUPPORTED_VALUE, path + ".port: required for a Service backend");
        }
        List<ServicePort> ports = svc.getSpec() == null || svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
        ServicePort sp = ports.stream().filter(p -> port.equals(p.getPort())).findFirst().orElse(null);
        boolean externalName = svc.getSpec() != null && "ExternalName".equals(svc.getSpec().getType());
        if (sp == null && !externalName) {
            return fail(BACKEND_NOT_FOUND, path + ".port: Service " + ns + "/" + name + " has no port " + port + " (ports: "
                    + String.join(", ", ports.stream().map(p -> String.valueOf(p.getPort())).toList()) + ")");
        }
        UpstreamProtocol protocol = forceH2c ? UpstreamProtocol.H2C : protocolOf(sp == null ? null : sp.getAppProtocol());
        if (protocol == null) {
            return fail(UNSUPPORTED_PROTOCOL, path + ": Service " + ns + "/" + name + " port " + port + " has appProtocol "
                    + sp.getAppProtocol() + " (expected: none, http, kubernetes.io/h2c or kubernetes.io/ws)");
        }
        String clusterName = "service/" + ns + "/" + name + "/" + port + (forceH2c && !isH2c(sp) ? "/h2c" : "");
        UpstreamTlsIr tls = tlsPolicies.forService(ns, name, sp == null ? null : sp.getName());
        if (externalName) {
            clusters.computeIfAbsent(clusterName, n -> new ClusterIr(n, new SourceRef("Service", ns, name), protocol,
                    List.of(new EndpointIr(svc.getSpec().getExternalName(), port)), tls));
            return new Resolution(clusterName, null, null);
        }
        List<EndpointIr> endpoints = endpoints(svc, sp);
        MeshLabels.Mesh mesh = MeshLabels.of(index, svc, sp, endpoints, this::endpoints);
        if (mesh != null && mesh.hbone() == null) {
            return fail(mesh.reason(), path + ": " + mesh.problem());
        }
        // In the mesh, HBONE's mutual TLS is the transport: a BackendTLSPolicy does not apply on top.
        clusters.computeIfAbsent(clusterName, n -> mesh == null
                ? new ClusterIr(n, new SourceRef("Service", ns, name), protocol, endpoints, tls)
                : new ClusterIr(n, new SourceRef("Service", ns, name), protocol, mesh.tunnelEndpoints(), null, mesh.hbone()));
        return new Resolution(clusterName, null, null);
    }

    private List<EndpointIr> endpoints(Service svc, ServicePort sp) {
        String ns = ResourceIndex.namespaceOf(svc);
        List<EndpointSlice> slices = index.endpointSlices(ns, svc.getMetadata().getName());
        List<EndpointIr> result = new ArrayList<>();
        if (slices.isEmpty()) {
            // No EndpointSlices at all: a Service with a fixed cluster IP (a VIP in front of VMs) still works.
            String ip = svc.getSpec().getClusterIP();
            if (ip != null && !ip.isEmpty() && !ip.equals("None")) {
                result.add(new EndpointIr(ip, sp.getPort()));
            }
            return result;
        }
        for (EndpointSlice slice : slices) {
            Integer targetPort = null;
            for (EndpointPort ep : slice.getPorts() == null ? List.<EndpointPort>of() : slice.getPorts()) {
                boolean sameName = sp.getName() == null || sp.getName().isEmpty()
                        ? ep.getName() == null || ep.getName().isEmpty() : sp.getName().equals(ep.getName());
                if (sameName) {
                    targetPort = ep.getPort();
                }
            }
            if (targetPort == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                boolean ready = e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();
                if (!ready || e.getAddresses() == null) {
                    continue;
                }
                for (String address : e.getAddresses()) {
                    EndpointIr ir = new EndpointIr(address, targetPort);
                    if (!result.contains(ir)) {
                        result.add(ir);
                    }
                }
            }
        }
        result.sort(Comparator.comparing(EndpointIr::host).thenComparingInt(EndpointIr::port));
        return result;
    }

    private Resolution backend(String path, String ns, String name, boolean forceH2c) {
        Backend b = index.backend(ns, name);
        if (b == null || b.getSpec() == null) {
            return fail(BACKEND_NOT_FOUND, path + ": Backend " + ns + "/" + name + " not found");
        }
        if (b.getSpec()._static() == null || b.getSpec()._static().hosts() == null || b.getSpec()._static().hosts().isEmpty()) {
            return fail(UNSUPPORTED_VALUE, "Backend " + ns + "/" + name + " spec.static.hosts: at least one host is required");
        }
        UpstreamTlsIr tls = tlsPolicies.forBackend(ns, name);
        boolean https = "https".equalsIgnoreCase(b.getSpec().appProtocol());
        if (https && tls == null) {
            return fail(UNSUPPORTED_PROTOCOL, "Backend " + ns + "/" + name + " spec.appProtocol: https needs a"
                    + " BackendTLSPolicy targeting this Backend (group gateway.archway.dev, kind Backend) to say which"
                    + " CA and hostname to verify");
        }
        UpstreamProtocol protocol = forceH2c ? UpstreamProtocol.H2C : https ? UpstreamProtocol.HTTP1
                : protocolOf(b.getSpec().appProtocol());
        if (protocol == null) {
            return fail(UNSUPPORTED_PROTOCOL, "Backend " + ns + "/" + name + " spec.appProtocol: " + b.getSpec().appProtocol()
                    + " is not supported (expected: http, h2c, or https with a BackendTLSPolicy)");
        }
        List<EndpointIr> endpoints = new ArrayList<>();
        var hosts = b.getSpec()._static().hosts();
        for (int i = 0; i < hosts.size(); i++) {
            var h = hosts.get(i);
            if (h.host() == null || h.host().isEmpty() || h.port() == null || h.port() < 1 || h.port() > 65535) {
                return fail(UNSUPPORTED_VALUE, "Backend " + ns + "/" + name + " spec.static.hosts[" + i
                        + "]: host and a port in 1..65535 are required");
            }
            endpoints.add(new EndpointIr(h.host(), h.port()));
        }
        String clusterName = "backend/" + ns + "/" + name + (forceH2c ? "/h2c" : "");
        clusters.computeIfAbsent(clusterName, n -> new ClusterIr(n, new SourceRef(Backend.KIND, ns, name), protocol, endpoints,
                tls));
        return new Resolution(clusterName, null, null);
    }

    private static boolean isH2c(ServicePort sp) {
        return sp != null && protocolOf(sp.getAppProtocol()) == UpstreamProtocol.H2C;
    }

    private static UpstreamProtocol protocolOf(String appProtocol) {
        if (appProtocol == null || appProtocol.isEmpty()) {
            return UpstreamProtocol.HTTP1;
        }
        return switch (appProtocol.toLowerCase(java.util.Locale.ROOT)) {
            case "http", "kubernetes.io/http" -> UpstreamProtocol.HTTP1;
            case "h2c", "kubernetes.io/h2c", "grpc" -> UpstreamProtocol.H2C;
            case "kubernetes.io/ws", "ws" -> UpstreamProtocol.WEBSOCKET;
            default -> null;
        };
    }

    private static Resolution fail(String reason, String message) {
        return new Resolution(null, reason, message);
    }
}
