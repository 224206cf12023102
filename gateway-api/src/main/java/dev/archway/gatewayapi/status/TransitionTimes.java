package dev.archway.gatewayapi.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code lastTransitionTime} where a condition did not change. The translator stamps every
 * condition with the time of the translation; Kubernetes semantics are "when the status last
 * changed", so a condition whose status is the same as in the previous report keeps its time.
 */
public final class TransitionTimes {
    private TransitionTimes() {}

    /**
     * Copies the times of unchanged conditions from {@code previous} into {@code next} (whose
     * conditions are fresh objects of one translation) and returns {@code next}.
     */
    public static StatusReport carryOver(StatusReport previous, StatusReport next) {
        if (previous == null) {
            return next;
        }
        Map<String, String> times = new HashMap<>();
        for (ResourceStatus r : previous.resources()) {
            List<Condition> conditions = r.conditions();
            for (int i = 0; i < conditions.size(); i++) {
                times.put(key(r, i, conditions.get(i)), conditions.get(i).getLastTransitionTime());
            }
        }
        for (ResourceStatus r : next.resources()) {
            List<Condition> conditions = r.conditions();
            for (int i = 0; i < conditions.size(); i++) {
                String time = times.get(key(r, i, conditions.get(i)));
                if (time != null) {
                    conditions.get(i).setLastTransitionTime(time);
                }
            }
        }
        return next;
    }

    /** A condition's place: resource, position among its conditions, type and status. */
    private static String key(ResourceStatus r, int index, Condition c) {
        return r.kind() + "/" + r.metadata().namespace() + "/" + r.metadata().name() + "#" + index + ":" + c.getType()
                + "=" + c.getStatus();
    }
}
