package dev.archway.wasm.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gatewayapi.ir.filters.WasmFilterConfig;
import dev.archway.gatewayapi.ir.filters.WasmModuleSource;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.UpstreamClient;
import dev.archway.plugins.testing.RecordingMetrics;
import dev.archway.plugins.testing.TestBuildContext;
import dev.archway.plugins.testing.TestFilterContext;
import dev.archway.plugins.testing.TestRequest;
import dev.archway.wasm.testing.WatModules;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One filter serving four event loops at once: each loop gets its own instance, none is shared. */
class WasmFilterConcurrencyTest {

    @Test
    void servesManyEventLoopsAtOnceWithAnInstancePerLoop() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
        try {
            UpstreamClient none = (c, m, a, p, h, b) -> Future.failedFuture("no cluster");
            WasmFilterConfig config = new WasmFilterConfig("wat-concurrent",
                    new WasmModuleSource(WatModules.compile("headers").toString(), null, null), "", "", "", "", false);
            HttpFilter filter = new WasmFilterFactory().create(config,
                    new RecordingMetrics().around(new TestBuildContext(vertx, none)));
            // Verticle instances are spread over the event loops: four contexts on four threads.
            List<Context> loops = new java.util.concurrent.CopyOnWriteArrayList<>();
            vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override
                public void start() {
                    loops.add(context);
                }
            }, new DeploymentOptions().setInstances(4)).await();
            int perLoop = 500;
            CountDownLatch done = new CountDownLatch(loops.size());
            AtomicInteger added = new AtomicInteger();
            AtomicInteger denied = new AtomicInteger();
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            for (Context loop : loops) {
                loop.runOnContext(v -> {
                    threads.add(Thread.currentThread());
                    for (int i = 0; i < perLoop; i++) {
                        TestRequest request = TestRequest.get("http://example.com/" + i);
                        if (i % 10 == 0) {
                            request.header("x-deny", "1");
                        }
                        TestFilterContext ctx = new TestFilterContext(request).eventLoop(loop);
                        FilterStep step = ctx.runRequestHeaders(filter);
                        if (step instanceof FilterStep.Reply) {
                            denied.incrementAndGet();
                        } else if ("yes".equals(request.headers().get("x-wat"))) {
                            added.incrementAndGet();
                        }
                        filter.onComplete(ctx);
                    }
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(threads).hasSize(4);
            assertThat(denied.get()).isEqualTo(loops.size() * perLoop / 10);
            assertThat(added.get()).isEqualTo(loops.size() * perLoop * 9 / 10);
            VmPool pool = ((WasmFilter) filter).poolForTests();
            assertThat(pool.instances()).isEqualTo(threads.size());
            filter.close();
        } finally {
            vertx.close().await();
        }
    }
}
