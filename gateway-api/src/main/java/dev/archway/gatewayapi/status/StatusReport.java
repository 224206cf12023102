package dev.archway.gatewayapi.status;

import java.util.List;

/** Every status the translator computed, sorted by kind, namespace and name. */
public record StatusReport(List<ResourceStatus> resources) {
    public StatusReport {
        resources = List.copyOf(resources);
    }

    public boolean anyProblem() {
        return resources.stream().anyMatch(ResourceStatus::anyProblem);
    }
}
