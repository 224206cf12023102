package dev.archway.gatewayapi.translate;

import static java.util.Objects.requireNonNull;

/**
 * How a translator is set up.
 *
 * @param controllerName GatewayClasses with this controllerName are ours
 * @param standalone serve a Gateway whose GatewayClass is absent from the input (files mode)
 * @param filterCatalog validates filter configs
 */
public record TranslatorOptions(String controllerName, boolean standalone, FilterCatalog filterCatalog) {
    public static final String DEFAULT_CONTROLLER_NAME = "archway.dev/gateway-controller";

    public TranslatorOptions {
        requireNonNull(controllerName, "controllerName");
        requireNonNull(filterCatalog, "filterCatalog");
    }

    public static TranslatorOptions standalone(FilterCatalog catalog) {
        return new TranslatorOptions(DEFAULT_CONTROLLER_NAME, true, catalog);
    }
}
