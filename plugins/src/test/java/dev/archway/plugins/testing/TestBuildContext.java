package dev.archway.plugins.testing;

import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.UpstreamClient;
import io.vertx.core.Vertx;

/**
 * A build context for factories in unit tests. Either part may be null when the factory under
 * test does not use it; calling it then fails loudly.
 */
public record TestBuildContext(Vertx vertx, UpstreamClient upstreams) implements FilterBuildContext {

    /** For filters that need neither Vert.x nor upstreams. */
    public static TestBuildContext empty() {
        return new TestBuildContext(null, null);
    }

    @Override
    public Vertx vertx() {
        if (vertx == null) {
            throw new IllegalStateException("vertx: not given to this TestBuildContext");
        }
        return vertx;
    }

    @Override
    public UpstreamClient upstreams() {
        if (upstreams == null) {
            throw new IllegalStateException("upstreams: not given to this TestBuildContext");
        }
        return upstreams;
    }
}
