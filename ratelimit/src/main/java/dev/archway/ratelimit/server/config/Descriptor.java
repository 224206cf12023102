package dev.archway.ratelimit.server.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One node of a domain's descriptor tree: a {@code key}, optionally a {@code value}, and what a
 * request descriptor that ends here gets: a {@link #limit()}, {@link #unlimited()}, or neither
 * (not limited either; the node only leads to its children).
 */
public final class Descriptor {
    private final String key;
    private final String value;
    private final Limit limit;
    private final boolean unlimited;
    private final boolean shadowMode;
    private final Level children;

    Descriptor(String key, String value, Limit limit, boolean unlimited, boolean shadowMode,
            List<Descriptor> children) {
        this.key = requireNonNull(key, "key");
        this.value = value;
        if (limit != null && unlimited) {
            throw new IllegalArgumentException("limit and unlimited: both set (expected: one)");
        }
        this.limit = limit;
        this.unlimited = unlimited;
        this.shadowMode = shadowMode;
        this.children = new Level(children);
    }

    public String key() {
        return key;
    }

    /** The value this node requires, or null: every value of the key, each counted on its own. */
    public String value() {
        return value;
    }

    /** The limit of descriptors that end here, or null. */
    public Limit limit() {
        return limit;
    }

    /** {@code rate_limit: {unlimited: true}}: descriptors that end here are never limited. */
    public boolean unlimited() {
        return unlimited;
    }

    /** Over-limit descriptors that end here are counted and reported, but answered OK. */
    public boolean shadowMode() {
        return shadowMode;
    }

    public List<Descriptor> descriptors() {
        return children.all();
    }

    Level children() {
        return children;
    }

    @Override
    public String toString() {
        return key + (value == null ? "" : "=" + value)
                + (limit != null ? " " + limit : unlimited ? " unlimited" : "")
                + (shadowMode ? " (shadow)" : "");
    }
}
