package dev.archway.gatewayapi.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts what the data plane refused into the status of the policy it came from. The translator
 * checks shapes only; a Wasm module that does not load is found when the data plane builds the
 * config, which is then not applied. Each build error names its filter
 * ({@code trafficpolicy/<ns>/<name>/...}); that policy's {@code Accepted} turns False
 * ({@code Invalid}) with the error as the message, so users see it where they look, not only in
 * the gateway's log.
 */
public final class DataPlaneProblems {
    private static final String PREFIX = "trafficpolicy/";

    private DataPlaneProblems() {}

    /**
     * {@code report} with the policies named by {@code errors} marked not accepted.
     *
     * @param errors build errors, each starting with a filter name
     * @param note said after each policy's errors, e.g. that the previous config keeps serving
     */
    public static StatusReport apply(StatusReport report, List<String> errors, String note) {
        Map<String, Set<String>> byPolicy = new LinkedHashMap<>();
        for (String error : errors) {
            if (!error.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = error.substring(PREFIX.length()).split("/", 3);
            if (parts.length == 3) {
                byPolicy.computeIfAbsent(parts[0] + "/" + parts[1], k -> new LinkedHashSet<>()).add(error);
            }
        }
        if (byPolicy.isEmpty()) {
            return report;
        }
        List<ResourceStatus> out = new ArrayList<>(report.resources().size());
        for (ResourceStatus resource : report.resources()) {
            Set<String> problems = "TrafficPolicy".equals(resource.kind()) && resource.metadata() != null
                    ? byPolicy.get(resource.metadata().namespace() + "/" + resource.metadata().name()) : null;
            out.add(problems == null ? resource : refused(resource, String.join("; ", problems) + note));
        }
        return new StatusReport(out);
    }

    private static ResourceStatus refused(ResourceStatus resource, String message) {
        List<Condition> all = new ArrayList<>();
        Object status = resource.status();
        if (status instanceof Map<?, ?> map && map.get("ancestors") instanceof List<?> ancestors) {
            List<PolicyAncestorStatus> changed = new ArrayList<>();
            for (Object entry : ancestors) {
                if (entry instanceof PolicyAncestorStatus ancestor) {
                    PolicyAncestorStatus copy = new PolicyAncestorStatus();
                    copy.setAncestorRef(ancestor.getAncestorRef());
                    copy.setControllerName(ancestor.getControllerName());
                    copy.setConditions(refused(ancestor.getConditions(), message));
                    changed.add(copy);
                    all.addAll(copy.getConditions());
                }
            }
            Map<String, Object> newStatus = new LinkedHashMap<>();
            map.forEach((k, v) -> newStatus.put(String.valueOf(k), v));
            newStatus.put("ancestors", changed);
            status = newStatus;
        }
        if (all.isEmpty()) {
            all.addAll(refused(resource.conditions(), message));
        }
        return new ResourceStatus(resource.apiVersion(), resource.kind(), resource.metadata(), status, all);
    }

    private static List<Condition> refused(List<Condition> conditions, String message) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : conditions) {
            if ("Accepted".equals(c.getType())) {
                out.add(new ConditionBuilder(c).withStatus("False").withReason(Reasons.INVALID).withMessage(message).build());
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
