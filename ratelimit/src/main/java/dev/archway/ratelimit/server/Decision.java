package dev.archway.ratelimit.server;

/** What one descriptor of a request got; the {@code decision} label of the decisions metric. */
enum Decision {
    /** Under its limit (the hits were counted). */
    OK("ok"),
    /** Over its limit. */
    OVER_LIMIT("over_limit"),
    /** Over the limit of a shadow-mode node: reported OK, counted here. */
    SHADOW_OVER_LIMIT("shadow_over_limit"),
    /** No limit applies: {@code unlimited: true}, no node with a limit, or an unknown domain. */
    UNLIMITED("unlimited");

    final String label;

    Decision(String label) {
        this.label = label;
    }
}
