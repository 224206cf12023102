package dev.archway.gatewayapi.translate;

import static dev.archway.gatewayapi.status.Reasons.*;

import dev.archway.gatewayapi.ir.EndpointIr;
import dev.archway.gatewayapi.ir.HboneIr;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Istio ambient labels on a backend Service and its Namespace, and the HBONE route they ask for:
 * <ul>
 *   <li>{@code istio.io/use-waypoint: <name>} (Service first, then Namespace; {@code none} opts
 *       out) with {@code istio.io/use-waypoint-namespace}: through that waypoint, {@code CONNECT}ing
 *       to the Service's cluster IP and port, tunnel to the waypoint Service's port 15008;</li>
 *   <li>{@code istio.io/dataplane-mode: ambient} (Namespace or Service) without a waypoint: to
 *       each endpoint's node proxy on port 15008, {@code CONNECT}ing to the endpoint itself.</li>
 * </ul>
 */
final class MeshLabels {
    static final String USE_WAYPOINT = "istio.io/use-waypoint";
    static final String USE_WAYPOINT_NAMESPACE = "istio.io/use-waypoint-namespace";
    static final String DATAPLANE_MODE = "istio.io/dataplane-mode";

    /** The HBONE settings and the endpoints to tunnel to, or why the Service cannot be reached. */
    record Mesh(HboneIr hbone, List<EndpointIr> tunnelEndpoints, String reason, String problem) {}

    private MeshLabels() {}

    /**
     * @param endpoints the Service's own ready endpoints
     * @param endpointsOf resolves another Service's endpoints for one of its ports (the waypoint's)
     * @return null when the Service is not in the mesh
     */
    static Mesh of(ResourceIndex index, Service svc, ServicePort port, List<EndpointIr> endpoints,
            BiFunction<Service, ServicePort, List<EndpointIr>> endpointsOf) {
        String ns = ResourceIndex.namespaceOf(svc);
        Map<String, String> own = svc.getMetadata().getLabels() == null ? Map.of() : svc.getMetadata().getLabels();
        Map<String, String> namespace = index.namespaceLabels(ns);
        boolean fromService = own.containsKey(USE_WAYPOINT);
        String waypoint = fromService ? own.get(USE_WAYPOINT) : namespace.get(USE_WAYPOINT);
        String name = ns + "/" + svc.getMetadata().getName();
        if (waypoint != null && !waypoint.isEmpty() && !waypoint.equals("none")) {
            String waypointNs = (fromService ? own : namespace).getOrDefault(USE_WAYPOINT_NAMESPACE, ns);
            Service wp = index.service(waypointNs, waypoint);
            if (wp == null) {
                return problem(BACKEND_NOT_FOUND, "Service " + name + " uses waypoint " + waypointNs + "/" + waypoint
                        + " (" + USE_WAYPOINT + "), which has no Service");
            }
            ServicePort tunnel = wp.getSpec() == null || wp.getSpec().getPorts() == null ? null
                    : wp.getSpec().getPorts().stream().filter(p -> p.getPort() == HboneIr.PORT).findFirst().orElse(null);
            if (tunnel == null) {
                return problem(BACKEND_NOT_FOUND, "waypoint Service " + waypointNs + "/" + waypoint + " has no port "
                        + HboneIr.PORT + " (HBONE)");
            }
            String ip = svc.getSpec() == null ? null : svc.getSpec().getClusterIP();
            if (ip == null || ip.isEmpty() || ip.equals("None")) {
                return problem(UNSUPPORTED_VALUE, "Service " + name + " has no cluster IP: a waypoint is reached by"
                        + " the Service address it serves");
            }
            String authority = (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port.getPort();
            return new Mesh(new HboneIr(authority, HboneIr.PORT, "/ns/" + waypointNs + "/sa/" + waypoint,
                    "waypoint " + waypointNs + "/" + waypoint), endpointsOf.apply(wp, tunnel), null, null);
        }
        String mode = own.containsKey(DATAPLANE_MODE) ? own.get(DATAPLANE_MODE) : namespace.get(DATAPLANE_MODE);
        if ("ambient".equals(mode)) {
            return new Mesh(new HboneIr(null, HboneIr.PORT, null, "ambient"), endpoints, null, null);
        }
        return null;
    }

    private static Mesh problem(String reason, String message) {
        return new Mesh(null, List.of(), reason, message);
    }
}
