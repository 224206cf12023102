package dev.archway.extauth.server.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * {@code basic}: HTTP basic authentication against an htpasswd file of bcrypt entries.
 *
 * @param realm sent in {@code WWW-Authenticate: Basic realm="..."} (default {@value #DEFAULT_REALM})
 * @param users user name to its bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$})
 */
public record BasicAuth(String name, String realm, Map<String, String> users) implements AuthConfig {
    public static final String DEFAULT_REALM = "archway";

    public BasicAuth {
        requireNonNull(name, "name");
        requireNonNull(realm, "realm");
        users = Map.copyOf(users);
    }

    @Override
    public String toString() {
        // Hashes stay out of logs: they can be attacked offline.
        return "BasicAuth[" + name + ", realm=" + realm + ", " + users.size() + " user(s)]";
    }
}
