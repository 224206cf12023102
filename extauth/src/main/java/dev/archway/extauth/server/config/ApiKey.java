package dev.archway.extauth.server.config;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.Map;

/**
 * One accepted API key, known only by the SHA-256 of its value: the file never holds the key.
 *
 * @param name who the key belongs to, used in logs, never the key itself
 * @param sha256 the 32 bytes of SHA-256 of the key as the client sends it
 * @param metadata values the upstream can receive in headers ({@code headersFromMetadata})
 */
public record ApiKey(String name, byte[] sha256, Map<String, String> metadata) {
    public ApiKey {
        requireNonNull(name, "name");
        if (sha256.length != 32) {
            throw new IllegalArgumentException("sha256: " + sha256.length + " bytes (expected: 32)");
        }
        sha256 = sha256.clone();
        metadata = Map.copyOf(metadata);
    }

    /** The hash in lower-case hex, the form it is looked up by. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && name.equals(key.name)
                && java.util.Arrays.equals(sha256, key.sha256) && metadata.equals(key.metadata);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + "]";
    }
}
