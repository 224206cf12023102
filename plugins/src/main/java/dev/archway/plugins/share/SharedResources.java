package dev.archway.plugins.share;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Values shared by every filter a factory builds with an equal key, counted by reference. A
 * factory builds one filter per route and listener, and a reload builds the new filters before it
 * closes the old ones; so a value leased by equal keys in two snapshots lives on (a remote key
 * set is not fetched again, rate-limit counts carry over), and it is released with the last lease.
 *
 * @param <K> what makes two filters share (a config record, a URL); needs equals and hashCode
 * @param <V> the shared value
 */
public final class SharedResources<K, V> {
    private final Map<K, Counted<V>> byKey = new ConcurrentHashMap<>();
    private final Consumer<? super V> onLastRelease;

    /** @param onLastRelease called once, outside any lock of this class, when a value's last lease ends */
    public SharedResources(Consumer<? super V> onLastRelease) {
        this.onLastRelease = requireNonNull(onLastRelease, "onLastRelease");
    }

    /**
     * A lease on the value for {@code key}, created by {@code create} for the first lease. {@code
     * create} runs under the map's bin lock, so a concurrent last release cannot drop the value
     * between lookup and count: it must be quick and must not lease from this instance.
     */
    public Lease<V> acquire(K key, Function<? super K, ? extends V> create) {
        requireNonNull(key, "key");
        requireNonNull(create, "create");
        Counted<V> counted = byKey.compute(key, (k, existing) -> {
            if (existing != null) {
                existing.refs++;
                return existing;
            }
            return new Counted<>(requireNonNull(create.apply(k), "created value"));
        });
        return new Lease<>(this, key, counted.value);
    }

    /** The live value for {@code key}, or null; for tests and diagnostics. */
    public V find(K key) {
        Counted<V> counted = byKey.get(key);
        return counted == null ? null : counted.value;
    }

    /** How many values are live. */
    public int size() {
        return byKey.size();
    }

    private void release(K key, V value) {
        AtomicBoolean last = new AtomicBoolean();
        byKey.computeIfPresent(key, (k, counted) -> {
            if (counted.value != value || --counted.refs > 0) {
                return counted;
            }
            last.set(true);
            return null;
        });
        if (last.get()) {
            onLastRelease.accept(value);
        }
    }

    /** One filter's hold on a value; releasing twice is harmless. */
    public static final class Lease<V> {
        private final SharedResources<?, V> owner;
        private final Object key;
        private final V value;
        private final AtomicBoolean released = new AtomicBoolean();

        private <K> Lease(SharedResources<K, V> owner, K key, V value) {
            this.owner = owner;
            this.key = key;
            this.value = value;
        }

        public V value() {
            return value;
        }

        @SuppressWarnings("unchecked")
        public void release() {
            if (released.compareAndSet(false, true)) {
                ((SharedResources<Object, V>) owner).release(key, value);
            }
        }
    }

    /** Mutated only inside the map's compute functions, which hold the bin lock. */
    private static final class Counted<V> {
        final V value;
        int refs = 1;

        Counted(V value) {
            this.value = value;
        }
    }
}
