package dev.archway.plugins.builtin.jwt;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;

/** Where one provider's keys come from. Safe to call from any event loop. */
interface KeySource {

    /** The keys to verify with now, or null before the first successful fetch. */
    JwkKeys current();

    /**
     * A fetch to wait for, when keys are missing or a token names an unknown kid: the one under
     * way, or a new one if the rate limit allows; null when none may start now. The future always
     * succeeds (a failed fetch leaves {@link #current()} as it was).
     */
    Future<Void> refetch();

    /** This filter is done with the source. Called once. */
    void release();

    /** Keys given in the config: parsed once, never refetched. */
    static KeySource fixed(JwkKeys keys) {
        requireNonNull(keys, "keys");
        return new KeySource() {
            @Override
            public JwkKeys current() {
                return keys;
            }

            @Override
            public Future<Void> refetch() {
                return null;
            }

            @Override
            public void release() {}
        };
    }
}
