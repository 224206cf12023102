package dev.archway.gateway.testing;

import dev.archway.plugins.spi.BodyMode;
import dev.archway.plugins.spi.FilterBuildContext;
import dev.archway.plugins.spi.FilterFactory;
import dev.archway.plugins.spi.FilterStage;
import dev.archway.plugins.spi.FilterStep;
import dev.archway.plugins.spi.HttpFilter;
import dev.archway.plugins.spi.HttpFilterContext;
import dev.archway.plugins.spi.LocalReply;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Small filters for chain tests, each configured by a {@link Config} record. */
public final class TestFilters {
    public static final String THROWING = "test/throwing";
    public static final String AWAIT_HEADER = "test/await-header";
    public static final String REPLY = "test/reply";
    public static final String RESPONSE_HEADER = "test/response-header";
    public static final String UPPERCASE_BODY = "test/uppercase-body";
    public static final String OBSERVE = "test/observe";
    public static final String FAILING_FUTURE = "test/failing-future";
    public static final String INVALID = "test/invalid";
    /** Copies the client certificate a filter sees into request headers x-client-{principal,verified,dns}. */
    public static final String CLIENT_CERTIFICATE = "test/client-certificate";

    /** Observed byte counts by the config value of {@link #OBSERVE} filters. */
    public static final ConcurrentHashMap<String, AtomicLong> OBSERVED = new ConcurrentHashMap<>();

    /** The config of every test filter: a name and a value, meaning depends on the kind. */
    public record Config(String name, String value) {}

    private TestFilters() {}

    public static List<FilterFactory<?>> all() {
        return List.of(
                factory(THROWING, FilterStage.USER, c -> new HttpFilter() {
                    @Override
                    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
                        throw new IllegalStateException("boom");
                    }
                }),
                factory(AWAIT_HEADER, FilterStage.AUTHN, c -> new HttpFilter() {
                    @Override
                    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
                        Promise<FilterStep> promise = Promise.promise();
                        // Completes on another thread on purpose: the driver must come back to the event loop.
                        new Thread(() -> {
                            sleep(50);
                            promise.complete(FilterStep.next());
                        }).start();
                        ctx.request().headers().set(c.name(), c.value());
                        return FilterStep.await(promise.future());
                    }
                }),
                factory(CLIENT_CERTIFICATE, FilterStage.AUTHN, c -> new HttpFilter() {
                    @Override
                    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
                        var certificate = ctx.request().clientCertificate();
                        ctx.request().headers().set("x-client-principal", certificate == null ? "none" : certificate.principal())
                                .set("x-client-verified", String.valueOf(certificate != null && certificate.verified()))
                                .set("x-client-dns", certificate == null ? "none" : String.join(",", certificate.dnsSans()));
                        return FilterStep.next();
                    }
                }),
                factory(REPLY, FilterStage.ROUTE, c -> new HttpFilter() {
                    @Override
                    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
                        return FilterStep.reply(LocalReply.text(Integer.parseInt(c.name()), c.value()));
                    }
                }),
                factory(RESPONSE_HEADER, FilterStage.ROUTE, c -> new HttpFilter() {
                    @Override
                    public FilterStep onResponseHeaders(HttpFilterContext ctx) {
                        ctx.response().headers().add(c.name(), c.value());
                        return FilterStep.next();
                    }
                }),
                factory(UPPERCASE_BODY, FilterStage.USER, c -> new HttpFilter() {
                    @Override
                    public BodyMode requestBodyMode() {
                        return BodyMode.BUFFER;
                    }

                    @Override
                    public FilterStep onRequestBody(HttpFilterContext ctx, Buffer body) {
                        ctx.replaceRequestBody(Buffer.buffer(body.toString().toUpperCase(Locale.ROOT)));
                        return FilterStep.next();
                    }
                }),
                factory(OBSERVE, FilterStage.EDGE, c -> new HttpFilter() {
                    @Override
                    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
                        AtomicLong counter = OBSERVED.computeIfAbsent(c.value(), k -> new AtomicLong());
                        long[] bytes = {0};
                        ctx.observeRequestBody(chunk -> bytes[0] += chunk.length(), end -> counter.set(bytes[0] + 1_000_000_000L));
                        return FilterStep.next();
                    }
                }),
                factory(FAILING_FUTURE, FilterStage.AUTHZ, c -> new HttpFilter() {
                    @Override
                    public FilterStep onRequestHeaders(HttpFilterContext ctx) {
                        return FilterStep.await(io.vertx.core.Future.failedFuture("auth service down"));
                    }
                }),
                new FilterFactory<Config>() {
                    @Override
                    public String kind() {
                        return INVALID;
                    }

                    @Override
                    public FilterStage stage() {
                        return FilterStage.USER;
                    }

                    @Override
                    public Class<Config> configType() {
                        return Config.class;
                    }

                    @Override
                    public List<String> validate(Config config) {
                        return List.of("value: '" + config.value() + "' is never valid");
                    }

                    @Override
                    public HttpFilter create(Config config, FilterBuildContext context) {
                        throw new AssertionError("create must not be called after failed validation");
                    }
                });
    }

    private interface Maker {
        HttpFilter make(Config config);
    }

    private static FilterFactory<Config> factory(String kind, FilterStage stage, Maker maker) {
        return new FilterFactory<>() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public FilterStage stage() {
                return stage;
            }

            @Override
            public Class<Config> configType() {
                return Config.class;
            }

            @Override
            public HttpFilter create(Config config, FilterBuildContext context) {
                return maker.make(config);
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
