package dev.archway.plugins.spi;

import java.util.List;

/**
 * Builds the filters of one kind from their config, once per snapshot. Found through
 * {@link java.util.ServiceLoader} for third-party filters; the built-ins are registered directly.
 *
 * @param <C> the config record type the translator emits for this kind
 */
public interface FilterFactory<C> {
    /** The stable kind string, e.g. {@code archway.dev/jwt}. */
    String kind();

    FilterStage stage();

    Class<C> configType();

    /**
     * Problems with {@code config}, each naming the field; empty when the config is good. Called
     * before {@link #create}; a non-empty answer keeps the previous snapshot serving.
     */
    default List<String> validate(C config) {
        return List.of();
    }

    /** Builds the filter. May be called on any thread; must not block for long. */
    HttpFilter create(C config, FilterBuildContext context);
}
