package dev.archway.gatewayapi.translate;

import static dev.archway.gatewayapi.status.Reasons.*;

import dev.archway.gatewayapi.ir.ClientValidationIr;
import dev.archway.gatewayapi.ir.TlsCertificateIr;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSPortConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pass 2: Gateways we serve and their listeners: addresses, protocols, route kinds, TLS
 * certificates and conflicts, each problem a condition.
 */
final class GatewayPass {
    static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Set<String> ROUTE_KINDS = Set.of("HTTPRoute", "GRPCRoute");

    private final ResourceIndex index;
    private final ReferenceGrants grants;
    private final Instant now;

    GatewayPass(ResourceIndex index, ReferenceGrants grants, Instant now) {
        this.index = index;
        this.grants = grants;
        this.now = now;
    }

    GatewayModel gateway(Gateway gateway) {
        GatewayModel model = new GatewayModel(gateway, "Gateway", new Conditions(ResourceIndex.generationOf(gateway), now));
        var spec = gateway.getSpec();
        for (GatewaySpecAddress address : spec.getAddresses() == null ? List.<GatewaySpecAddress>of() : spec.getAddresses()) {
            String type = address.getType() == null ? "IPAddress" : address.getType();
            String value = address.getValue();
            if (!type.equals("IPAddress")) {
                model.conditions.set(ACCEPTED, false, UNSUPPORTED_ADDRESS,
                        "spec.addresses: type " + type + " is not supported (expected: IPAddress)");
                model.accepted = false;
            } else if (value == null || value.isEmpty()) {
                model.addressChosen = true;
            } else {
                if (!IPV4.matcher(value).matches() && !value.contains(":")) {
                    model.conditions.set(ACCEPTED, false, UNSUPPORTED_ADDRESS,
                            "spec.addresses: " + value + " is not an IP address");
                    model.accepted = false;
                } else if (!model.addresses.contains(value)) {
                    model.addresses.add(value);
                }
            }
        }
        if (model.addresses.isEmpty()) {
            model.addresses.add("0.0.0.0");
        }
        checkParameters(model, spec.getInfrastructure() == null ? null : spec.getInfrastructure().getParametersRef());
        List<Listener> listeners = spec.getListeners() == null ? List.of() : spec.getListeners();
        for (int i = 0; i < listeners.size(); i++) {
            Listener l = listeners.get(i);
            ListenerModel listener = new ListenerModel(model, l.getName(), l.getPort(), l.getProtocol(), l.getHostname(),
                    l.getAllowedRoutes(), new Conditions(model.generation, now));
            validate(listener, "spec.listeners[" + i + "]", l.getTls() == null ? null : l.getTls().getMode(),
                    l.getTls() == null ? null : l.getTls().getCertificateRefs());
            model.listeners.add(listener);
        }
        frontendValidation(model, model, spec.getTls() == null ? null : spec.getTls().getFrontend());
        markConflicts(model);
        finish(model);
        return model;
    }

    /**
     * Client certificate validation ({@code spec.tls.frontend} of the Gateway {@code gateway}) for
     * the HTTPS listeners of {@code model} (the Gateway itself, or one of its ListenerSets): the
     * entry for the listener's port, else the default. A listener whose CA references all fail is
     * not served (never served without the check it asks for).
     */
    void frontendValidation(GatewayModel model, GatewayModel gateway, FrontendTLSConfig frontend) {
        if (frontend == null) {
            return;
        }
        boolean insecure = false;
        for (ListenerModel l : model.listeners) {
            if (!l.protocol.equals("HTTPS") || !l.programmable) {
                continue;
            }
            FrontendTLSValidation validation = frontend.getDefault() == null ? null : frontend.getDefault().getValidation();
            String where = "spec.tls.frontend.default.validation";
            String source = "gateway/" + gateway.namespace + "/" + gateway.name + "/frontend/default";
            List<TLSPortConfig> perPort = frontend.getPerPort() == null ? List.of() : frontend.getPerPort();
            for (int i = 0; i < perPort.size(); i++) {
                TLSPortConfig entry = perPort.get(i);
                if (entry.getPort() != null && entry.getPort() == l.port) {
                    validation = entry.getTls() == null ? null : entry.getTls().getValidation();
                    where = "spec.tls.frontend.perPort[" + i + "].tls.validation";
                    source = "gateway/" + gateway.namespace + "/" + gateway.name + "/frontend/port/" + l.port;
                    break;
                }
            }
            if (validation == null) {
                continue;
            }
            ClientValidationIr.Mode mode = "AllowInsecureFallback".equals(validation.getMode())
                    ? ClientValidationIr.Mode.ALLOW_INSECURE_FALLBACK : ClientValidationIr.Mode.ALLOW_VALID_ONLY;
            if (validation.getMode() != null && !validation.getMode().equals("AllowValidOnly")
                    && mode != ClientValidationIr.Mode.ALLOW_INSECURE_FALLBACK) {
                l.conditions.set(ACCEPTED, false, UNSUPPORTED_VALUE, where + ".mode: " + validation.getMode()
                        + " (expected: AllowValidOnly or AllowInsecureFallback)");
                l.programmable = false;
                continue;
            }
            List<String> cas = caCertificates(l, gateway, where, validation.getCaCertificateRefs());
            if (cas.isEmpty()) {
                l.conditions.set(ACCEPTED, false, NO_VALID_CA_CERTIFICATE, where
                        + ".caCertificateRefs: no usable CA certificate, so this listener is not served");
                l.programmable = false;
                continue;
            }
            l.clientValidation = new ClientValidationIr(source, cas, mode);
            insecure |= mode == ClientValidationIr.Mode.ALLOW_INSECURE_FALLBACK;
        }
        if (insecure) {
            gateway.conditions.set(INSECURE_FRONTEND_VALIDATION_MODE, true, CONFIGURATION_CHANGED, "an HTTPS listener "
                    + "lets clients in without a valid certificate (mode AllowInsecureFallback)");
        }
    }

    /** The PEM CA certificates of {@code refs}; each bad reference sets ResolvedRefs False on the listener. */
    private List<String> caCertificates(ListenerModel l, GatewayModel gateway, String where, List<ObjectReference> refs) {
        List<String> out = new ArrayList<>();
        if (refs == null || refs.isEmpty()) {
            l.conditions.set(RESOLVED_REFS, false, INVALID_CA_CERTIFICATE_REF, where + ".caCertificateRefs: none given");
            return out;
        }
        for (int i = 0; i < refs.size(); i++) {
            ObjectReference ref = refs.get(i);
            String at = where + ".caCertificateRefs[" + i + "]";
            String group = ref.getGroup() == null ? "" : ref.getGroup();
            String ns = ref.getNamespace() == null || ref.getNamespace().isEmpty() ? gateway.namespace : ref.getNamespace();
            if (!group.isEmpty() || !"ConfigMap".equals(ref.getKind())) {
                l.conditions.set(RESOLVED_REFS, false, INVALID_CA_CERTIFICATE_KIND, at + ": "
                        + (group.isEmpty() ? "core" : group) + "/" + ref.getKind() + " is not supported (expected: ConfigMap)");
                continue;
            }
            if (!grants.permits(GATEWAY_GROUP, "Gateway", gateway.namespace, "", "ConfigMap", ns, ref.getName())) {
                l.conditions.set(RESOLVED_REFS, false, REF_NOT_PERMITTED, at + ": ConfigMap " + ns + "/" + ref.getName()
                        + " is in another namespace and no ReferenceGrant allows it");
                continue;
            }
            var configMap = index.configMap(ns, ref.getName());
            if (configMap == null) {
                l.conditions.set(RESOLVED_REFS, false, INVALID_CA_CERTIFICATE_REF, at + ": ConfigMap " + ns + "/"
                        + ref.getName() + " not found");
                continue;
            }
            String pem = configMap.getData() == null ? null : configMap.getData().get("ca.crt");
            List<String> bundle = Certificates.caBundle(pem);
            if (bundle.isEmpty()) {
                l.conditions.set(RESOLVED_REFS, false, INVALID_CA_CERTIFICATE_REF, at + ": ConfigMap " + ns + "/"
                        + ref.getName() + (pem == null ? " has no key ca.crt" : " ca.crt holds no valid PEM certificate"));
                continue;
            }
            out.addAll(bundle);
        }
        return out;
    }

    private void checkParameters(GatewayModel model, LocalParametersReference ref) {
        if (ref == null) {
            return;
        }
        boolean configMap = (ref.getGroup() == null || ref.getGroup().isEmpty()) && "ConfigMap".equals(ref.getKind());
        if (!configMap || index.configMap(model.namespace, ref.getName()) == null) {
            model.conditions.set(ACCEPTED, false, INVALID_PARAMETERS, "spec.infrastructure.parametersRef: "
                    + ref.getKind() + " " + model.namespace + "/" + ref.getName()
                    + (configMap ? " does not exist" : " is not supported (expected: a ConfigMap)"));
            model.accepted = false;
        }
    }

    /** Checks one listener: protocol, allowed kinds, TLS. Used for Gateways and ListenerSets. */
    void validate(ListenerModel listener, String path, String tlsMode, List<SecretObjectReference> certificateRefs) {
        Conditions c = listener.conditions;
        if (!listener.protocol.equals("HTTP") && !listener.protocol.equals("HTTPS")) {
            c.set(ACCEPTED, false, UNSUPPORTED_PROTOCOL, path + ".protocol: " + listener.protocol
                    + " is not supported (expected: HTTP or HTTPS)");
            listener.attachable = false;
            listener.programmable = false;
            return;
        }
        if (listener.hostname != null && !Hostnames.isValid(listener.hostname)) {
            c.set(ACCEPTED, false, UNSUPPORTED_VALUE, path + ".hostname: " + listener.hostname
                    + " is not a valid hostname (expected: an RFC 1123 name, optionally starting with *.)");
            listener.attachable = false;
            listener.programmable = false;
            return;
        }
        routeKinds(listener, path);
        if (listener.protocol.equals("HTTPS")) {
            certificates(listener, path, tlsMode, certificateRefs);
        }
    }

    private void routeKinds(ListenerModel listener, String path) {
        var allowed = listener.allowedRoutes;
        if (allowed == null || allowed.getKinds() == null || allowed.getKinds().isEmpty()) {
            listener.supportedKinds.add(kind("HTTPRoute"));
            listener.supportedKinds.add(kind("GRPCRoute"));
            return;
        }
        List<String> invalid = new ArrayList<>();
        for (RouteGroupKind k : allowed.getKinds()) {
            String group = k.getGroup() == null ? GATEWAY_GROUP : k.getGroup();
            if (group.equals(GATEWAY_GROUP) && ROUTE_KINDS.contains(k.getKind())) {
                if (listener.supportedKinds.stream().noneMatch(s -> s.getKind().equals(k.getKind()))) {
                    listener.supportedKinds.add(kind(k.getKind()));
                }
            } else {
                invalid.add(group + "/" + k.getKind());
            }
        }
        if (!invalid.isEmpty()) {
            listener.conditions.set(RESOLVED_REFS, false, INVALID_ROUTE_KINDS, path + ".allowedRoutes.kinds: "
                    + String.join(", ", invalid) + " not supported (expected: HTTPRoute or GRPCRoute)");
        }
    }

    private void certificates(ListenerModel listener, String path, String mode, List<SecretObjectReference> refs) {
        Conditions c = listener.conditions;
        if (mode != null && !mode.equals("Terminate")) {
            c.set(ACCEPTED, false, UNSUPPORTED_VALUE, path + ".tls.mode: " + mode + " (expected: Terminate for HTTPS)");
            listener.programmable = false;
            return;
        }
        if (refs == null || refs.isEmpty()) {
            c.set(RESOLVED_REFS, false, INVALID_CERTIFICATE_REF, path + ".tls.certificateRefs: none given");
            listener.programmable = false;
            return;
        }
        for (int i = 0; i < refs.size(); i++) {
            SecretObjectReference ref = refs.get(i);
            String at = path + ".tls.certificateRefs[" + i + "]";
            String group = ref.getGroup() == null ? "" : ref.getGroup();
            String kind = ref.getKind() == null ? "Secret" : ref.getKind();
            String ns = ref.getNamespace() == null ? listener.owner.namespace : ref.getNamespace();
            if (!group.isEmpty() || !kind.equals("Secret")) {
                c.set(RESOLVED_REFS, false, INVALID_CERTIFICATE_REF, at + ": " + (group.isEmpty() ? "core" : group) + "/"
                        + kind + " is not supported (expected: core Secret)");
                continue;
            }
            if (!grants.permits(GATEWAY_GROUP, listener.owner.ref.kind(), listener.owner.namespace, "", "Secret", ns, ref.getName())) {
                c.set(RESOLVED_REFS, false, REF_NOT_PERMITTED, at + ": Secret " + ns + "/" + ref.getName()
                        + " is in another namespace and no ReferenceGrant allows it");
                continue;
            }
            Secret secret = index.secret(ns, ref.getName());
            if (secret == null) {
                c.set(RESOLVED_REFS, false, INVALID_CERTIFICATE_REF, at + ": Secret " + ns + "/" + ref.getName() + " not found");
                continue;
            }
            Certificates.Loaded loaded = Certificates.load(secret);
            if (loaded.problem() != null) {
                c.set(RESOLVED_REFS, false, INVALID_CERTIFICATE_REF, at + ": Secret " + ns + "/" + ref.getName() + " "
                        + loaded.problem());
                continue;
            }
            listener.certificates.add(new TlsCertificateIr("secret/" + ns + "/" + ref.getName(), loaded.certificatePem(),
                    loaded.privateKeyPem(), listener.hostname == null ? List.of() : List.of(listener.hostname)));
        }
        if (c.isFalse(RESOLVED_REFS)) {
            listener.programmable = false;
        }
    }

    /** Listeners sharing a port must agree on protocol, and differ in hostname. */
    void markConflicts(GatewayModel model) {
        Map<Integer, List<ListenerModel>> byPort = new HashMap<>();
        for (ListenerModel l : model.listeners) {
            if (l.attachable) {
                byPort.computeIfAbsent(l.port, p -> new ArrayList<>()).add(l);
            }
        }
        for (List<ListenerModel> same : byPort.values()) {
            for (ListenerModel a : same) {
                for (ListenerModel b : same) {
                    if (a == b) {
                        continue;
                    }
                    if (!a.protocol.equals(b.protocol)) {
                        conflict(a, PROTOCOL_CONFLICT, "port " + a.port + " is also used by listener " + b.name
                                + " with protocol " + b.protocol);
                    } else if (java.util.Objects.equals(a.hostname, b.hostname)) {
                        conflict(a, HOSTNAME_CONFLICT, "listener " + b.name + " has the same port and hostname");
                    }
                }
            }
        }
    }

    private static void conflict(ListenerModel l, String reason, String message) {
        l.conditions.set(CONFLICTED, true, reason, message);
        l.programmable = false;
    }

    /** Fills in the positive conditions and the Gateway's summary conditions. */
    void finish(GatewayModel model) {
        int invalid = 0;
        for (ListenerModel l : model.listeners) {
            Conditions c = l.conditions;
            if (c.isFalse(ACCEPTED)) {
                invalid++;
            }
            c.set(ACCEPTED, true, REASON_ACCEPTED, "");
            c.set(RESOLVED_REFS, true, REASON_RESOLVED_REFS, "");
            c.set(CONFLICTED, false, NO_CONFLICTS, "");
            boolean programmed = l.programmable && l.attachable && model.accepted;
            c.set(PROGRAMMED, programmed, programmed ? REASON_PROGRAMMED : INVALID,
                    programmed ? "" : "the listener is not served until its conditions are resolved");
        }
        if (!model.listeners.isEmpty() && invalid == model.listeners.size()) {
            model.conditions.set(ACCEPTED, false, LISTENERS_NOT_VALID, "no listener is valid");
            model.accepted = false;
        } else if (invalid > 0) {
            model.conditions.set(ACCEPTED, true, LISTENERS_NOT_VALID, invalid + " listener(s) are not valid");
        }
        model.conditions.set(ACCEPTED, true, REASON_ACCEPTED, "");
        model.conditions.set(PROGRAMMED, model.accepted, model.accepted ? REASON_PROGRAMMED : INVALID,
                model.accepted ? "" : "the Gateway is not accepted");
    }

    static RouteGroupKind kind(String kind) {
        RouteGroupKind k = new RouteGroupKind();
        k.setGroup(GATEWAY_GROUP);
        k.setKind(kind);
        return k;
    }
}
