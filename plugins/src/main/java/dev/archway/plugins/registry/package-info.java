/**
 * The filter registry: which {@link dev.archway.plugins.spi.FilterFactory} builds each filter
 * kind, and validation of a config against its kind.
 *
 * <p>Starting points: {@link dev.archway.plugins.registry.FilterRegistry#withBuiltIns()} (the
 * built-ins plus factories found with {@link java.util.ServiceLoader}),
 * {@link dev.archway.plugins.registry.FilterRegistry#validate(String, Object)}.
 */
package dev.archway.plugins.registry;
