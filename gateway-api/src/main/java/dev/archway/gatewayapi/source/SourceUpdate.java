package dev.archway.gatewayapi.source;

import java.util.List;

/** What a source delivers on each change: the whole desired state and what it could not read. */
public record SourceUpdate(ResourceSet resources, List<SourceProblem> problems) {
    public SourceUpdate {
        problems = List.copyOf(problems);
    }
}
