package dev.archway.plugins.builtin.graphql.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PersistedQueryStoreTest {

    @Test
    void evictsTheLeastRecentlyUsedBeyondTheEntryBound() {
        PersistedQueryStore store = new PersistedQueryStore(2, 1000);
        store.put("a", "{ a }");
        store.put("b", "{ b }");
        store.get("a");

        store.put("c", "{ c }");

        assertThat(store.get("b")).isNull();
        assertThat(store.get("a")).isEqualTo("{ a }");
        assertThat(store.get("c")).isEqualTo("{ c }");
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void evictsBeyondTheTotalLengthAndSkipsAQueryLargerThanIt() {
        PersistedQueryStore store = new PersistedQueryStore(100, 10);
        store.put("a", "12345");
        store.put("b", "12345");

        store.put("c", "123");
        store.put("huge", "12345678901");

        assertThat(store.get("a")).isNull();
        assertThat(store.get("b")).isNotNull();
        assertThat(store.get("c")).isNotNull();
        assertThat(store.get("huge")).isNull();
    }

    @Test
    void staysWithinItsBoundUnderConcurrentUse() throws Exception {
        PersistedQueryStore store = new PersistedQueryStore(50, 1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        store.put(thread + ":" + i, "{ q" + i + " }");
                        store.get(thread + ":" + (i / 2));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.size()).isEqualTo(50);
    }
}
