package dev.archway.gatewayapi.ir.filters;

/** Gateway API path modifier types. */
public enum PathModifierType {
    REPLACE_FULL_PATH,
    REPLACE_PREFIX_MATCH
}
