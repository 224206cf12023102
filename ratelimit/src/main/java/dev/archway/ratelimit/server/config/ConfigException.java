package dev.archway.ratelimit.server.config;

import java.util.List;

/** A config file that cannot be used: every problem found, each with its field path. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each {@code spec.domains[0].descriptors[1].rate_limit.unit: what is wrong (expected: ...)}. */
    public List<String> problems() {
        return problems;
    }
}
