package dev.archway.gatewayapi.translate;

import static dev.archway.gatewayapi.status.Reasons.*;

import dev.archway.gatewayapi.ir.SourceRef;
import dev.archway.gatewayapi.ir.UpstreamTlsIr;
import dev.archway.gatewayapi.ir.UpstreamTlsIr.SubjectAltNameIr;
import dev.archway.gatewayapi.model.ArchwayResource;
import dev.archway.gatewayapi.model.Backend;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicyValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatus;
import dev.archway.gatewayapi.status.ResourceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * BackendTLSPolicy (Gateway API v1): which Service ports (or Archway Backends) the gateway speaks
 * TLS to, and how it checks their certificates. Each policy is compiled once; a backend ref that
 * resolves to a targeted Service asks {@link #forService} for the TLS settings. When two policies
 * target the same Service port, the older one (creation time, then namespace/name) wins and the
 * other is {@code Accepted=False/Conflicted}; a policy naming the port (sectionName) beats one
 * naming the whole Service. Ancestors in status are the Gateways whose routes use the backend.
 */
final class BackendTlsPolicies {
    static final String KIND = "BackendTLSPolicy";
    private static final Pattern PRECISE_HOSTNAME =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    /** One policy, compiled. */
    static final class Compiled {
        final String namespace;
        final String name;
        final long generation;
        /** What is wrong with the spec (Accepted=False/Invalid), in order. */
        final List<String> invalid = new ArrayList<>();
        /** Bad CA references (ResolvedRefs=False): reason and message. */
        String refReason;
        final List<String> refProblems = new ArrayList<>();
        UpstreamTlsIr tls;
        /** Targets another policy won, and targets that do not exist, by target key. */
        final Map<String, String> conflicts = new LinkedHashMap<>();
        final Map<String, String> missing = new LinkedHashMap<>();
        final Map<String, ParentReference> ancestors = new LinkedHashMap<>();
        /** Targets this policy applies to. */
        int won;

        Compiled(BackendTLSPolicy policy) {
            this.namespace = ResourceIndex.namespaceOf(policy);
            this.name = policy.getMetadata().getName();
            this.generation = ResourceIndex.generationOf(policy);
        }

        boolean usable() {
            return invalid.isEmpty() && tls != null;
        }
    }

    private final ResourceIndex index;
    private final List<Compiled> all = new ArrayList<>();
    /** Target key ({@code Service/ns/name[/port name]} or {@code Backend/ns/name}) → the policy that won it. */
    private final Map<String, Compiled> winners = new HashMap<>();
    /** The policy each compiled TLS setting came from (identity: settings are compared by source). */
    private final Map<UpstreamTlsIr, Compiled> byTls = new java.util.IdentityHashMap<>();

    /** @param policies oldest first */
    BackendTlsPolicies(ResourceIndex index, List<BackendTLSPolicy> policies) {
        this.index = index;
        for (BackendTLSPolicy policy : policies) {
            Compiled p = new Compiled(policy);
            all.add(p);
            compile(p, policy);
            targets(p, policy);
            if (p.tls != null) {
                byTls.put(p.tls, p);
            }
        }
    }

    /**
     * The TLS settings for port {@code portName} of Service {@code ns/name}, or null for plain
     * text. A policy whose CA references are all unusable still gives settings (with a {@code
     * problem}): the gateway must not fall back to plain text, it answers 503.
     */
    UpstreamTlsIr forService(String ns, String name, String portName) {
        Compiled p = portName == null || portName.isEmpty() ? null : winners.get("Service/" + ns + "/" + name + "/" + portName);
        if (p == null) {
            p = winners.get("Service/" + ns + "/" + name);
        }
        return p == null || !p.invalid.isEmpty() ? null : p.tls;
    }

    /** The TLS settings for Archway Backend {@code ns/name}, or null. */
    UpstreamTlsIr forBackend(String ns, String name) {
        Compiled p = winners.get(Backend.KIND + "/" + ns + "/" + name);
        return p == null || !p.invalid.isEmpty() ? null : p.tls;
    }

    /** A route attached to Gateway {@code gateway} sends traffic through a cluster with {@code tls}. */
    void usedUnder(UpstreamTlsIr tls, ParentReference gateway) {
        if (tls == null) {
            return;
        }
        Compiled p = byTls.get(tls);
        if (p != null) {
            ParentReference ancestor = PolicyTargets.parentRef(gateway.getKind() == null ? "Gateway" : gateway.getKind(),
                    gateway.getNamespace(), gateway.getName(), null);
            p.ancestors.putIfAbsent(ancestor.getKind() + "/" + ancestor.getNamespace() + "/" + ancestor.getName(), ancestor);
        }
    }

    private void compile(Compiled p, BackendTLSPolicy policy) {
        BackendTLSPolicyValidation validation = policy.getSpec().getValidation();
        if (validation == null) {
            p.invalid.add("spec.validation: required");
            return;
        }
        String hostname = validation.getHostname();
        if (hostname == null || hostname.isEmpty()) {
            p.invalid.add("spec.validation.hostname: required");
        } else if (!PRECISE_HOSTNAME.matcher(hostname).matches()) {
            p.invalid.add("spec.validation.hostname: '" + hostname + "' is not a precise DNS name (no wildcards, no IP)");
        }
        List<LocalObjectReference> refs = validation.getCaCertificateRefs() == null ? List.of() : validation.getCaCertificateRefs();
        String wellKnown = validation.getWellKnownCACertificates();
        if (!refs.isEmpty() && wellKnown != null && !wellKnown.isEmpty()) {
            p.invalid.add("spec.validation: caCertificateRefs and wellKnownCACertificates exclude each other");
        } else if (refs.isEmpty() && (wellKnown == null || wellKnown.isEmpty())) {
            p.invalid.add("spec.validation: one of caCertificateRefs or wellKnownCACertificates is required");
        } else if (wellKnown != null && !wellKnown.isEmpty() && !wellKnown.equals("System")) {
            p.invalid.add("spec.validation.wellKnownCACertificates: " + wellKnown + " (expected: System)");
        }
        List<SubjectAltNameIr> sans = new ArrayList<>();
        var declared = validation.getSubjectAltNames() == null ? List.<io.fabric8.kubernetes.api.model.gatewayapi.v1.SubjectAltName>of()
                : validation.getSubjectAltNames();
        for (int i = 0; i < declared.size(); i++) {
            var san = declared.get(i);
            String at = "spec.validation.subjectAltNames[" + i + "]";
            if ("Hostname".equals(san.getType()) && san.getHostname() != null && !san.getHostname().isEmpty()) {
                sans.add(new SubjectAltNameIr(SubjectAltNameIr.Type.HOSTNAME, san.getHostname()));
            } else if ("URI".equals(san.getType()) && san.getUri() != null && !san.getUri().isEmpty()) {
                sans.add(new SubjectAltNameIr(SubjectAltNameIr.Type.URI, san.getUri()));
            } else {
                p.invalid.add(at + ": type Hostname with hostname, or type URI with uri");
            }
        }
        if (!p.invalid.isEmpty()) {
            return;
        }
        List<String> cas = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            LocalObjectReference ref = refs.get(i);
            String at = "spec.validation.caCertificateRefs[" + i + "]";
            String group = ref.getGroup() == null ? "" : ref.getGroup();
            if (!group.isEmpty() || !"ConfigMap".equals(ref.getKind())) {
                refProblem(p, INVALID_KIND, at + ": " + (group.isEmpty() ? "core" : group) + "/" + ref.getKind()
                        + " is not supported (expected: ConfigMap)");
                continue;
            }
            var configMap = index.configMap(p.namespace, ref.getName());
            String pem = configMap == null || configMap.getData() == null ? null : configMap.getData().get("ca.crt");
            List<String> bundle = Certificates.caBundle(pem);
            if (bundle.isEmpty()) {
                refProblem(p, INVALID_CA_CERTIFICATE_REF, at + ": ConfigMap " + p.namespace + "/" + ref.getName()
                        + (configMap == null ? " not found" : pem == null ? " has no key ca.crt" : " ca.crt holds no valid PEM certificate"));
                continue;
            }
            cas.addAll(bundle);
        }
        SourceRef source = new SourceRef(KIND, p.namespace, p.name);
        boolean system = refs.isEmpty();
        if (!system && cas.isEmpty()) {
            p.tls = new UpstreamTlsIr(hostname, List.of(), false, sans, source,
                    source + ": no usable CA certificate (" + String.join("; ", p.refProblems) + ")");
        } else {
            p.tls = new UpstreamTlsIr(hostname, cas, system, sans, source, null);
        }
    }

    private static void refProblem(Compiled p, String reason, String message) {
        if (p.refReason == null) {
            p.refReason = reason;
        }
        p.refProblems.add(message);
    }

    private void targets(Compiled p, BackendTLSPolicy policy) {
        List<LocalPolicyTargetReferenceWithSectionName> refs = policy.getSpec().getTargetRefs() == null ? List.of()
                : policy.getSpec().getTargetRefs();
        if (refs.isEmpty()) {
            p.invalid.add("spec.targetRefs: at least one target is required");
        }
        for (int i = 0; i < refs.size(); i++) {
            var ref = refs.get(i);
            String at = "spec.targetRefs[" + i + "]";
            String group = ref.getGroup() == null ? "" : ref.getGroup();
            String kind = ref.getKind() == null ? "" : ref.getKind();
            String section = ref.getSectionName();
            String key;
            boolean exists;
            if (group.isEmpty() && kind.equals("Service")) {
                var service = index.service(p.namespace, ref.getName());
                exists = service != null && (section == null || section.isEmpty() || service.getSpec() != null
                        && service.getSpec().getPorts() != null
                        && service.getSpec().getPorts().stream().anyMatch(sp -> section.equals(sp.getName())));
                key = "Service/" + p.namespace + "/" + ref.getName() + (section == null || section.isEmpty() ? "" : "/" + section);
            } else if (group.equals(ArchwayResource.GROUP) && kind.equals(Backend.KIND)) {
                exists = index.backend(p.namespace, ref.getName()) != null;
                key = Backend.KIND + "/" + p.namespace + "/" + ref.getName();
            } else {
                p.invalid.add(at + ": " + (group.isEmpty() ? "core" : group) + "/" + kind
                        + " is not supported (expected: Service, or gateway.archway.dev/Backend)");
                continue;
            }
            if (!exists) {
                p.missing.put(key, at + ": " + key.replace('/', ' ') + " not found");
                continue;
            }
            Compiled earlier = winners.get(key);
            if (earlier != null) {
                p.conflicts.put(key, at + ": " + earlier.namespace + "/" + earlier.name + " targets the same "
                        + (section == null || section.isEmpty() ? "Service" : "port") + " and is older");
            } else if (p.invalid.isEmpty()) {
                winners.put(key, p);
                p.won++;
            }
        }
    }

    /** Every policy's status: one entry per ancestor Gateway, each with Accepted and ResolvedRefs. */
    void status(StatusBuilder out, String controllerName, Instant now) {
        for (Compiled p : all) {
            List<ParentReference> ancestors = new ArrayList<>(p.ancestors.values());
            List<Condition> flat = new ArrayList<>();
            List<PolicyAncestorStatus> entries = new ArrayList<>();
            if (ancestors.isEmpty() && (!p.invalid.isEmpty() || !p.missing.isEmpty() || !p.conflicts.isEmpty()
                    || !p.refProblems.isEmpty())) {
                // No route uses it yet, but something is wrong: tell the user under the policy itself.
                ancestors.add(PolicyTargets.parentRef(KIND, p.namespace, p.name, null));
                ancestors.get(0).setGroup("gateway.networking.k8s.io");
            }
            for (ParentReference ancestor : ancestors) {
                Conditions c = new Conditions(p.generation, now);
                if (!p.invalid.isEmpty()) {
                    c.set(ACCEPTED, false, INVALID, String.join("; ", p.invalid));
                } else if (p.won == 0 && !p.conflicts.isEmpty()) {
                    c.set(ACCEPTED, false, REASON_CONFLICTED, String.join("; ", p.conflicts.values()));
                } else if (p.won == 0) {
                    c.set(ACCEPTED, false, TARGET_NOT_FOUND, String.join("; ", p.missing.values()));
                } else if (p.tls != null && p.tls.problem() != null) {
                    c.set(ACCEPTED, false, NO_VALID_CA_CERTIFICATE, String.join("; ", p.refProblems));
                } else {
                    List<String> notes = new ArrayList<>(p.conflicts.values());
                    notes.addAll(p.missing.values());
                    c.set(ACCEPTED, true, REASON_ACCEPTED, String.join("; ", notes));
                }
                if (p.refProblems.isEmpty()) {
                    c.set(RESOLVED_REFS, true, REASON_RESOLVED_REFS, "");
                } else {
                    c.set(RESOLVED_REFS, false, p.refReason, String.join("; ", p.refProblems));
                }
                PolicyAncestorStatus s = new PolicyAncestorStatus();
                s.setAncestorRef(ancestor);
                s.setControllerName(controllerName);
                s.setConditions(c.list());
                entries.add(s);
                flat.addAll(c.list());
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("ancestors", entries);
            out.resource(new ResourceStatus(StatusBuilder.API_VERSION, KIND,
                    new ResourceStatus.Metadata(p.namespace, p.name, p.generation), status, flat));
        }
    }
}
