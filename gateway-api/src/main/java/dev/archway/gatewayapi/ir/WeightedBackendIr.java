package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * One backendRef of a rule.
 *
 * @param cluster the cluster name, or null when the ref did not resolve (its share answers 500)
 * @param weight relative weight; 0 never receives traffic
 * @param filters filters of the backendRef, run only when this backend is chosen
 */
public record WeightedBackendIr(String name, String cluster, int weight, List<FilterSpec> filters) {
    public WeightedBackendIr {
        filters = List.copyOf(filters);
    }
}
