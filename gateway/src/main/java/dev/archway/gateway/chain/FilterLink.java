package dev.archway.gateway.chain;

import static java.util.Objects.requireNonNull;

import dev.archway.plugins.spi.BodyMode;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.HttpFilter;

/**
 * One built filter in a chain, with the name of the {@code FilterSpec} it came from (used in
 * logs, failure counts and {@code explain}).
 */
public record FilterLink(String name, String kind, FilterStage stage, HttpFilter filter) {
    public FilterLink {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(stage, "stage");
        requireNonNull(filter, "filter");
    }

    boolean buffersBody() {
        return filter.requestBodyMode() == BodyMode.BUFFER;
    }
}
