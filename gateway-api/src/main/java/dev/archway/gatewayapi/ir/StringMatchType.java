package dev.archway.gatewayapi.ir;

/** How a header or query value is compared. REGEX uses java.util.regex full matching. */
public enum StringMatchType {
    EXACT,
    REGEX
}
