package dev.archway.gatewayapi.ir;

import java.util.List;

/**
 * One match of one route rule, with everything a matching request needs.
 *
 * @param name {@code httproute/<ns>/<name>/rule/<i>/match/<j>}
 * @param ruleName the rule's {@code name}, or null
 * @param filters the rule's filters, in config order (the data plane orders them by stage)
 * @param backends weighted backends; empty means no backend (500 unless a filter replies)
 * @param timeouts per-request limits, never null
 * @param failure when non-null the rule is broken (for example a backend that does not resolve):
 *     the route still matches, so nothing falls through to a less specific route, and answers 500
 * @param retry when to try a failed request again, or null for never
 */
public record RouteIr(
        String name,
        SourceRef source,
        int ruleIndex,
        String ruleName,
        RouteMatchIr match,
        List<FilterSpec> filters,
        List<WeightedBackendIr> backends,
        TimeoutsIr timeouts,
        String failure,
        RetryIr retry) {
    public RouteIr {
        filters = List.copyOf(filters);
        backends = List.copyOf(backends);
    }

    /** A route without retries. */
    public RouteIr(String name, SourceRef source, int ruleIndex, String ruleName, RouteMatchIr match,
            List<FilterSpec> filters, List<WeightedBackendIr> backends, TimeoutsIr timeouts, String failure) {
        this(name, source, ruleIndex, ruleName, match, filters, backends, timeouts, failure, null);
    }
}
