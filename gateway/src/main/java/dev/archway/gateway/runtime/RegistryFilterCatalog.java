package dev.archway.gateway.runtime;

import static java.util.Objects.requireNonNull;

import dev.archway.gatewayapi.translate.FilterCatalog;
import dev.archway.plugins.registry.FilterRegistry;
import java.util.List;

/**
 * The translator's view of the registered filter factories, so a bad filter config becomes a
 * status condition at translation time rather than a failed reload.
 */
public final class RegistryFilterCatalog implements FilterCatalog {
    private final FilterRegistry registry;

    public RegistryFilterCatalog(FilterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
    }

    @Override
    public List<String> validate(String kind, Object config) {
        // The catalog's contract: unknown kinds are the translator's to report, not a config error.
        if (registry.find(kind).isEmpty()) {
            return List.of();
        }
        return registry.validate(kind, config);
    }
}
