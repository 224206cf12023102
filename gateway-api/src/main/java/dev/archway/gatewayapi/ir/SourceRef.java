package dev.archway.gatewayapi.ir;

import static java.util.Objects.requireNonNull;

/** The user resource a snapshot node came from; {@code namespace} is null for cluster-scoped kinds. */
public record SourceRef(String kind, String namespace, String name) {
    public SourceRef {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
