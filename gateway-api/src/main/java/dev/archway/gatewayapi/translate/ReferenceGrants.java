package dev.archway.gatewayapi.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantTo;
import java.util.List;
import java.util.Objects;

/** Whether a cross-namespace reference is allowed by a ReferenceGrant in the target namespace. */
final class ReferenceGrants {
    private final List<ReferenceGrant> grants;

    ReferenceGrants(List<ReferenceGrant> grants) {
        this.grants = grants;
    }

    /**
     * @param fromGroup group of the referring kind, e.g. {@code gateway.networking.k8s.io}
     * @param toGroup group of the target kind, {@code ""} for core
     */
    boolean permits(String fromGroup, String fromKind, String fromNamespace,
            String toGroup, String toKind, String toNamespace, String toName) {
        if (fromNamespace.equals(toNamespace)) {
            return true;
        }
        for (ReferenceGrant grant : grants) {
            if (!toNamespace.equals(ResourceIndex.namespaceOf(grant)) || grant.getSpec() == null) {
                continue;
            }
            boolean fromOk = false;
            for (ReferenceGrantFrom from : nonNull(grant.getSpec().getFrom())) {
                fromOk |= groupEq(from.getGroup(), fromGroup) && fromKind.equals(from.getKind())
                        && fromNamespace.equals(from.getNamespace());
            }
            if (!fromOk) {
                continue;
            }
            for (ReferenceGrantTo to : nonNull(grant.getSpec().getTo())) {
                if (groupEq(to.getGroup(), toGroup) && toKind.equals(to.getKind())
                        && (to.getName() == null || to.getName().isEmpty() || to.getName().equals(toName))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean groupEq(String a, String b) {
        return Objects.equals(a == null ? "" : a, b == null ? "" : b);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
