package dev.archway.gatewayapi.translate;

import java.util.List;

/**
 * What the translator may ask about filter kinds without depending on the data plane: whether a
 * kind is known and whether a config is valid. The gateway implements it from its factories.
 */
public interface FilterCatalog {
    /** Problems with {@code config} for {@code kind} (an unknown kind is one), empty when fine. */
    List<String> validate(String kind, Object config);

    /** A catalog that accepts everything, for tests of the translator alone. */
    FilterCatalog ACCEPT_ALL = (kind, config) -> List.of();
}
