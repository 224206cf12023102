package dev.archway.gatewayapi.source;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One object read from a file, with where its document starts (for problems that point at it).
 *
 * @param file the path as given
 * @param line 1-based line of the document's first token
 * @param column 1-based column of the document's first token
 */
record ParsedResource(ResourceKind kind, HasMetadata object, String file, int line, int column) {
    ParsedResource {
        requireNonNull(kind, "kind");
        requireNonNull(object, "object");
        requireNonNull(file, "file");
    }

    ObjectKey key() {
        return new ObjectKey(kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    /** {@code file:line}, to name this definition in a problem about another one. */
    String where() {
        return file + ":" + line;
    }
}
