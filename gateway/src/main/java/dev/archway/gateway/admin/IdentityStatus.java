package dev.archway.gateway.admin;

import dev.archway.gateway.identity.GatewayIdentity;
import dev.archway.gateway.identity.WorkloadIdentity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's SPIFFE identity as one more entry of {@code /status}, shaped like the resource
 * entries around it ({@code kind: WorkloadIdentity}, a {@code Ready} condition) so that the tools
 * that read conditions read it too.
 */
final class IdentityStatus {
    private IdentityStatus() {}

    static Map<String, Object> of(GatewayIdentity identity, Instant now) {
        GatewayIdentity.View view = identity.view();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("source", view.source());
        String ready;
        String reason;
        String message;
        if (view.issued() == null) {
            ready = "False";
            reason = "Pending";
            message = view.lastError() == null ? "no SVID received yet" : view.lastError();
        } else {
            WorkloadIdentity svid = view.issued().identity();
            status.put("spiffeId", svid.spiffeId());
            status.put("serialNumber", svid.leaf().getSerialNumber().toString(16));
            status.put("notBefore", svid.leaf().getNotBefore().toInstant().toString());
            status.put("notAfter", svid.notAfter().toString());
            status.put("trustDomains", List.copyOf(new java.util.TreeSet<>(svid.bundles().keySet())));
            status.put("generation", view.issued().generation());
            status.put("since", view.issued().since().toString());
            boolean expired = !svid.notAfter().isAfter(now);
            ready = expired ? "False" : "True";
            reason = expired ? "Expired" : "Issued";
            message = expired ? "the SVID expired at " + svid.notAfter() + " and no new one arrived"
                    : "SVID valid until " + svid.notAfter();
        }
        status.put("rotations", view.rotations());
        status.put("errors", view.errors());
        if (view.lastError() != null) {
            status.put("lastError", view.lastError());
            status.put("lastErrorTime", view.lastErrorAt().toString());
        }
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Ready");
        condition.put("status", ready);
        condition.put("reason", reason);
        condition.put("message", message);
        status.put("conditions", List.of(condition));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("apiVersion", "gateway.archway.dev/v1alpha1");
        entry.put("kind", "WorkloadIdentity");
        entry.put("metadata", Map.of("name", "gateway"));
        entry.put("status", status);
        return entry;
    }
}
