package dev.archway.gatewayapi.translate;

import java.util.ArrayList;
import java.util.List;

/** What went wrong in one route's rules, for its ResolvedRefs and PartiallyInvalid conditions. */
final class RouteProblems {
    String refReason;
    String refMessage;
    final List<String> invalid = new ArrayList<>();
    int rules;
    int droppedRules;

    void ref(String reason, String message) {
        if (refReason == null) {
            refReason = reason;
            refMessage = message;
        } else {
            refMessage = refMessage + "; " + message;
        }
    }

    void invalid(String message) {
        invalid.add(message);
    }

    boolean allRulesDropped() {
        return rules > 0 && droppedRules == rules;
    }
}
