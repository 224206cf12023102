package dev.archway.ratelimit.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sweep runs while requests arrive: the only bucket it may drop is a full one, and a request
 * racing the drop still counts exactly once.
 */
class SweepRaceTest {
    private static final int KEYS = 20_000;
    private static final int THREADS = 4;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void admitsExactlyOneRequestPerKeyWhileSweepsRunNonStop() throws Exception {
        // One token per key and no refill during the test: each key admits exactly one request.
        BucketStore store = new BucketStore(Configs.byHeader("x-api-key", 1, Duration.ofHours(1)),
                TimeMeter.SYSTEM_NANOTIME, KEYS * 2);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        Future<Integer> sweeper = pool.submit(() -> {
            start.await();
            int sweeps = 0;
            while (running.get()) {
                store.sweep();
                sweeps++;
            }
            return sweeps;
        });
        List<Future<Integer>> clients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            clients.add(pool.submit(() -> {
                start.await();
                int admitted = 0;
                for (int key = 0; key < KEYS; key++) {
                    if (store.take("k" + key).allowed()) {
                        admitted++;
                    }
                }
                return admitted;
            }));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Integer> client : clients) {
            admitted += client.get(60, TimeUnit.SECONDS);
        }
        running.set(false);

        assertThat(sweeper.get(10, TimeUnit.SECONDS)).isPositive();
        assertThat(admitted).isEqualTo(KEYS);
    }
}
