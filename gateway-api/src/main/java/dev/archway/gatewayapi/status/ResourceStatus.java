package dev.archway.gatewayapi.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * The status of one resource, shaped like {@code kubectl get -o json} restricted to what status
 * readers need: {@code {apiVersion, kind, metadata{namespace,name,generation}, status}}.
 *
 * @param status the fabric8 status object (GatewayStatus, HTTPRouteStatus, ...)
 * @param conditions every condition in the status, flattened, for summaries
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "status"})
public record ResourceStatus(String apiVersion, String kind, Metadata metadata, Object status,
        @JsonIgnore List<Condition> conditions) {

    public ResourceStatus {
        conditions = List.copyOf(conditions);
    }

    /** {@code metadata} of a status entry; namespace is null for cluster-scoped kinds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"namespace", "name", "generation"})
    public record Metadata(String namespace, String name, Long generation) {}

    /** Whether any condition reports a problem (see {@link ConditionPolarity}). */
    @JsonIgnore
    public boolean anyProblem() {
        return conditions.stream().anyMatch(ConditionPolarity::isProblem);
    }
}
