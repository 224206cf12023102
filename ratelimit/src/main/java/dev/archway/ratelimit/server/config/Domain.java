package dev.archway.ratelimit.server.config;

import static java.util.Objects.requireNonNull;

import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import java.util.List;

/** The descriptor tree of one {@code domain}: the namespace a gateway's requests name. */
public final class Domain {
    private final String name;
    private final Level root;

    Domain(String name, List<Descriptor> descriptors) {
        this.name = requireNonNull(name, "name");
        this.root = new Level(descriptors);
    }

    public String name() {
        return name;
    }

    public List<Descriptor> descriptors() {
        return root.all();
    }

    /**
     * The node a request descriptor reaches, or null when its entries leave the tree (or it has
     * none). Entries are walked from the top: at each level the node with the entry's key and
     * value wins over the node with the key alone. Only the node of the last entry counts: a limit
     * on a node the walk passes through applies to descriptors that end there, not to longer ones.
     */
    public Descriptor match(List<RateLimitDescriptor.Entry> entries) {
        Level level = root;
        Descriptor reached = null;
        for (RateLimitDescriptor.Entry entry : entries) {
            reached = level.find(entry.getKey(), entry.getValue());
            if (reached == null) {
                return null;
            }
            level = reached.children();
        }
        return reached;
    }

    /** The number of nodes in the tree, for summaries. */
    public int size() {
        return count(root.all());
    }

    private static int count(List<Descriptor> descriptors) {
        int n = descriptors.size();
        for (Descriptor d : descriptors) {
            n += count(d.descriptors());
        }
        return n;
    }
}
