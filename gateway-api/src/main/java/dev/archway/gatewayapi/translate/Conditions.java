package dev.archway.gatewayapi.translate;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the conditions of one status block. Setting a type twice keeps the first False
 * (the first problem found is the one reported) or, when both are True, the first.
 */
final class Conditions {
    private final long generation;
    private final String time;
    private final List<Condition> list = new ArrayList<>();

    Conditions(long generation, Instant now) {
        this.generation = generation;
        this.time = now.toString();
    }

    Conditions set(String type, boolean status, String reason, String message) {
        for (int i = 0; i < list.size(); i++) {
            Condition existing = list.get(i);
            if (existing.getType().equals(type)) {
                if ("True".equals(existing.getStatus()) && !status) {
                    list.set(i, make(type, false, reason, message));
                }
                return this;
            }
        }
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
