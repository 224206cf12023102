package dev.archway.extauth.server.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code anyOf} / {@code allOf}: other configs of the file, by name, tried in order.
 *
 * @param all true for {@code allOf} (every one must allow), false for {@code anyOf} (one suffices)
 */
public record ChainAuth(String name, boolean all, List<String> members) implements AuthConfig {
    public ChainAuth {
        requireNonNull(name, "name");
        members = List.copyOf(members);
    }

    public String field() {
        return all ? "allOf" : "anyOf";
    }
}
