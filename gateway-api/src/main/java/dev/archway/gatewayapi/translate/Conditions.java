package dev.archway.gatewayapi.translate;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects the conditions of one status block, in the order they were first set. */
final class Conditions {
    private final long generation;
    private final String time;
    private final List<Condition> list = new ArrayList<>();

    Conditions(long generation, Instant now) {
        this.generation = generation;
        this.time = now.toString();
    }

    /**
     * Records a condition unless its type is already set: problems are recorded as they are found
     * and the positive defaults last, so the first problem found is the one reported.
     */
    Conditions set(String type, boolean status, String reason, String message) {
        if (!has(type)) {
            list.add(make(type, status, reason, message));
        }
        return this;
    }

    /** Overrides a condition decided earlier, for problems only found when listeners are combined. */
    Conditions replace(String type, boolean status, String reason, String message) {
        list.removeIf(c -> c.getType().equals(type));
        list.add(make(type, status, reason, message));
        return this;
    }

    boolean isFalse(String type) {
        return list.stream().anyMatch(c -> c.getType().equals(type) && "False".equals(c.getStatus()));
    }

    boolean has(String type) {
        return list.stream().anyMatch(c -> c.getType().equals(type));
    }

    List<Condition> list() {
        return List.copyOf(list);
    }

    private Condition make(String type, boolean status, String reason, String message) {
        Condition c = new Condition();
        c.setType(type);
        c.setStatus(status ? "True" : "False");
        c.setReason(reason);
        c.setMessage(message == null ? "" : message);
        c.setObservedGeneration(generation);
        c.setLastTransitionTime(time);
        return c;
    }
}
