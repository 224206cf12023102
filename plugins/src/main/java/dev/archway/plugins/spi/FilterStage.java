package dev.archway.plugins.spi;

/**
 * Where a filter kind runs in a route's chain. Users never order built-ins by hand: the stage of
 * the kind decides, and within a stage the config order. Response phases run in reverse order.
 */
public enum FilterStage {
    /** CORS preflight and other answers that need no identity. */
    EDGE,
    /** Who is calling: JWT. */
    AUTHN,
    /** May they: external auth. */
    AUTHZ,
    /** How often: local and global rate limits. */
    RATE_LIMIT,
    /** Transformations and user filters (Java, Wasm). */
    USER,
    /** Gateway API route filters: header modifiers, redirect, rewrite, mirror, direct response. */
    ROUTE
}
