package dev.archway.ratelimit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.testing.Steps;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event loops race for one bucket: the limit holds exactly, with no lock to make it so. */
class ConcurrentAdmissionTest {
    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 5_000;

    private final Vertx vertx = Vertx.vertx();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        vertx.close().await();
    }

    @Test
    void admitsExactlyMaxTokensWhenEightThreadsRaceForOneBucket() throws Exception {
        // An hour-long interval: no refill can happen during the test, so any extra pass is over-admission.
        HttpFilter filter = new LocalRateLimitFactory().create(Configs.whole(1_000, 1_000, Duration.ofHours(1)),
                new TestBuildContext(vertx, null));
        assertThat(admittedUnderRace(filter, null)).isEqualTo(1_000);
        filter.close();
    }

    @Test
    void admitsExactlyMaxTokensPerKeyWhenThreadsRaceForTheSameNewKey() throws Exception {
        HttpFilter filter = new LocalRateLimitFactory().create(Configs.byHeader("x-api-key", 500, Duration.ofHours(1)),
                new TestBuildContext(vertx, null));
        assertThat(admittedUnderRace(filter, "alice")).isEqualTo(500);
        filter.close();
    }

    private int admittedUnderRace(HttpFilter filter, String apiKey) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int admitted = 0;
                for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                    TestRequest request = TestRequest.get("http://api.example/orders");
                    if (apiKey != null) {
                        request.header("x-api-key", apiKey);
                    }
                    if (Steps.isNext(filter.onRequestHeaders(new TestFilterContext(request)))) {
                        admitted++;
                    }
                }
                return admitted;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> result : results) {
            total += result.get(30, TimeUnit.SECONDS);
        }
        return total;
    }
}
