package dev.archway.sidekit.config;

import java.util.List;

/** A config file that cannot be used: every problem found, each with its field path. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each {@code spec.<field path>: what is wrong (expected: ...)}. */
    public List<String> problems() {
        return problems;
    }
}
