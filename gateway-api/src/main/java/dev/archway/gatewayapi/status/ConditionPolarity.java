package dev.archway.gatewayapi.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.Set;

/**
 * Whether a condition reports a problem. Most Gateway API condition types are healthy when True;
 * a few ("negative polarity") are healthy when False: a listener that is not Conflicted is fine.
 */
public final class ConditionPolarity {
    private static final Set<String> NEGATIVE = Set.of(Reasons.CONFLICTED, Reasons.PARTIALLY_INVALID, "OverlappingTLSConfig");

    private ConditionPolarity() {}

    public static boolean isProblem(Condition condition) {
        return NEGATIVE.contains(condition.getType())
                ? "True".equals(condition.getStatus())
                : "False".equals(condition.getStatus());
    }
}
