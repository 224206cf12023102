package dev.archway.gatewayapi.source;

import java.util.function.Consumer;

/** A producer of {@link SourceUpdate}s. Updates are delivered on one thread, in order. */
public interface ConfigSource extends AutoCloseable {
    /** Reads the current state, delivers it, then keeps delivering changes until closed. */
    void start(Consumer<SourceUpdate> listener);

    /** Reads the current state once (for {@code validate} and {@code explain}). */
    SourceUpdate readOnce();

    @Override
    void close();
}
