package dev.archway.gatewayapi.translate;

/**
 * The value of a policy field that turns it off ({@code extAuth.disable: true}, {@code wasm: []}).
 * It is chosen like any value, so it overrides a less specific policy, and then dropped instead of
 * becoming a filter.
 */
enum DisabledField {
    INSTANCE
}
