package dev.archway.gateway.cli;

import dev.archway.gatewayapi.source.SourceProblem;
import dev.archway.gatewayapi.status.ConditionPolarity;
import dev.archway.gatewayapi.status.ResourceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders resource conditions like {@code kubectl get -o wide}: one row per resource, the
 * conditions as {@code Type=Status(Reason)}, and under a row the message of each condition that
 * reports a problem.
 */
final class StatusTable {
    private StatusTable() {}


    static String render(List<ResourceStatus> resources, List<SourceProblem> problems) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAMESPACE", "NAME", "CONDITIONS"});
        List<List<String>> notes = new ArrayList<>();
        notes.add(List.of());
        for (ResourceStatus resource : resources) {
            List<String> conditions = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            for (Condition condition : resource.conditions()) {
                conditions.add(condition.getType() + "=" + condition.getStatus()
                        + (condition.getReason() == null || condition.getReason().isEmpty() ? "" : "(" + condition.getReason() + ")"));
                if (ConditionPolarity.isProblem(condition) && condition.getMessage() != null && !condition.getMessage().isEmpty()) {
                    messages.add(condition.getType() + ": " + condition.getMessage());
                }
            }
            String namespace = resource.metadata() == null || resource.metadata().namespace() == null
                    ? "-" : resource.metadata().namespace();
            String name = resource.metadata() == null ? "?" : resource.metadata().name();
            rows.add(new String[] {resource.kind(), namespace, name, conditions.isEmpty() ? "-" : String.join(" ", conditions)});
            notes.add(messages);
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < 3; i++) {
                out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 3));
            }
            out.append(row[3]).append('\n');
            for (String message : notes.get(r)) {
                out.append("    ").append(message).append('\n');
            }
        }
        if (!problems.isEmpty()) {
            out.append('\n').append("SOURCE PROBLEMS").append('\n');
            for (SourceProblem problem : problems) {
                out.append("    ").append(problem).append('\n');
            }
        }
        return out.toString();
    }
}
