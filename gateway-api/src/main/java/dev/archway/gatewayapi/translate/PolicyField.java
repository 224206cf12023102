package dev.archway.gatewayapi.translate;

import dev.archway.gatewayapi.ir.filters.FilterKinds;

/**
 * A field of {@code TrafficPolicy.spec} that becomes filters (one, or for {@code wasm} one per plugin).
 * Policies merge field by field: each field of a route comes whole from the most specific policy
 * that sets it.
 */
enum PolicyField {
    CORS("cors", FilterKinds.CORS),
    JWT("jwt", FilterKinds.JWT),
    EXT_AUTH("extAuth", FilterKinds.EXT_AUTH),
    /*
     * The two halves of rateLimit merge separately: a Gateway-wide global limit and a route's local
     * limit are meant to hold together, so one must not replace the other.
     */
    RATE_LIMIT_LOCAL("rateLimit.local", FilterKinds.LOCAL_RATE_LIMIT),
    RATE_LIMIT_GLOBAL("rateLimit.global", FilterKinds.GLOBAL_RATE_LIMIT),
    GRAPHQL("graphql", FilterKinds.GRAPHQL_PROTECTION),
    /*
     * One filter per plugin, but one field: the list is taken whole, so plugins written to run
     * together are never interleaved with those of another policy.
     */
    WASM("wasm", FilterKinds.WASM);

    /** The field's name in {@code spec}. */
    final String field;
    /** The kind of the filter it becomes. */
    final String filterKind;

    PolicyField(String field, String filterKind) {
        this.field = field;
        this.filterKind = filterKind;
    }

    /** The field a filter of {@code kind} implements, or null when no policy field does. */
    static PolicyField ofFilterKind(String kind) {
        for (PolicyField f : values()) {
            if (f.filterKind.equals(kind)) {
                return f;
            }
        }
        return null;
    }
}
