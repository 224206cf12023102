/**
 * Strict reading of a side service's YAML file: every problem at once, each with its field path
 * ({@link dev.archway.sidekit.config.Mapping}), and {@code HOST:PORT} addresses.
 */
package dev.archway.sidekit.config;
