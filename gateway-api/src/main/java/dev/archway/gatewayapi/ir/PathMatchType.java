package dev.archway.gatewayapi.ir;

/** Gateway API path match types. */
public enum PathMatchType {
    EXACT,
    PREFIX,
    REGEX
}
