package dev.archway.extauth.server.config;

import java.util.List;

/** A config file that cannot be used: every problem found, each with its field path. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each {@code spec.configs[0].apiKey.keys[1].sha256: what is wrong (expected: ...)}. */
    public List<String> problems() {
        return problems;
    }
}
