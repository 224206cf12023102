package dev.archway.gatewayapi.source;

import static java.util.Objects.requireNonNull;

/**
 * Identity of an object as the API server sees it: kind, namespace and name. The API version is
 * not part of it, so a Gateway written as v1beta1 and one written as v1 are the same object.
 *
 * @param namespace {@code null} for cluster-scoped kinds
 */
record ObjectKey(ResourceKind kind, String namespace, String name) {
    ObjectKey {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
    }

    /** E.g. {@code HTTPRoute default/web} or {@code GatewayClass archway}. */
    @Override
    public String toString() {
        return kind.kindName() + " " + (namespace == null ? name : namespace + "/" + name);
    }
}
