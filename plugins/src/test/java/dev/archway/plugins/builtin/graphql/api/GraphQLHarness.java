package dev.archway.plugins.builtin.graphql.api;

import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig;
import dev.archway.gatewayapi.ir.filters.GraphQLProtectionConfig;
import graphql.language.Document;
import graphql.parser.Parser;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Vert.x, loopback REST backends and the upstream client of one test; runs queries the way the
 * GraphQLApi filter does: parsed first, then executed on an event loop.
 */
final class GraphQLHarness implements AutoCloseable {
    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    final LoopbackUpstreams upstreams = new LoopbackUpstreams(vertx);
    private final List<RestBackend> backends = new ArrayList<>();

    /** One query with what comes with it. */
    record Query(String text, Map<String, Object> variables, MultiMap headers, Map<String, Object> claims) {
        static Query of(String text) {
            return new Query(text, Map.of(), MultiMap.caseInsensitiveMultiMap(), null);
        }

        Query variables(Map<String, Object> variables) {
            return new Query(text, variables, headers, claims);
        }

        Query header(String name, String value) {
            MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(headers).add(name, value);
            return new Query(text, variables, copy, claims);
        }

        Query claims(Map<String, Object> claims) {
            return new Query(text, variables, headers, claims);
        }
    }

    /** What an execution answered, and the threads it started and completed on. */
    record Answer(Map<String, Object> result, Thread loopThread, Thread completedOn) {}

    /** Starts a backend and maps {@code cluster} to it. */
    RestBackend backend(String cluster, Function<RestBackend.Call, RestBackend.Reply> replies) throws Exception {
        RestBackend backend = RestBackend.start(vertx, replies);
        backends.add(backend);
        upstreams.map(cluster, backend.port());
        return backend;
    }

    GraphQLExecutor executor(String sdl, Rest... resolvers) {
        return GraphQLExecutor.create(config(sdl, resolvers), upstreams);
    }

    static GraphQLApiConfig config(String sdl, Rest... resolvers) {
        return new GraphQLApiConfig("default/shop", sdl, Arrays.stream(resolvers).map(Rest::build).toList(),
                new GraphQLProtectionConfig(GraphQLProtectionConfig.DEFAULT_MAX_DEPTH,
                        GraphQLProtectionConfig.DEFAULT_MAX_COMPLEXITY, GraphQLProtectionConfig.DEFAULT_MAX_ALIASES,
                        true, GraphQLProtectionConfig.DEFAULT_MAX_REQUEST_BYTES,
                        GraphQLProtectionConfig.PersistedQueryMode.OPTIONAL, List.of(),
                        GraphQLProtectionConfig.DEFAULT_APQ_CACHE_SIZE));
    }

    Map<String, Object> run(GraphQLExecutor executor, String query) throws Exception {
        return run(executor, Query.of(query));
    }

    Map<String, Object> run(GraphQLExecutor executor, Query query) throws Exception {
        return start(executor, query, Parser.parse(query.text())).get(10, TimeUnit.SECONDS).result();
    }

    /** Executes {@code document} (as the guard parsed it) on the test thread's event-loop context. */
    CompletableFuture<Answer> start(GraphQLExecutor executor, Query query, Document document) {
        return start(executor, query, document, vertx.getOrCreateContext());
    }

    /** Executes {@code document} (as the guard parsed it) on {@code loop}. */
    CompletableFuture<Answer> start(GraphQLExecutor executor, Query query, Document document, Context loop) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        loop.runOnContext(v -> {
            Thread loopThread = Thread.currentThread();
            executor.execute(new ExecutionRequest(document, query.text(), null, query.variables(), query.headers(),
                    query.claims(), loop)).onComplete(ar -> {
                        if (ar.succeeded()) {
                            answer.complete(new Answer(ar.result(), loopThread, Thread.currentThread()));
                        } else {
                            answer.completeExceptionally(ar.cause());
                        }
                    });
        });
        return answer;
    }

    /**
     * {@code n} event-loop contexts, spread over the event loops: Vert.x gives each thread outside
     * it one context, on the next loop in turn, so each is created from a thread of its own.
     */
    List<Context> eventLoops(int n) throws Exception {
        List<Context> contexts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<Context> context = new CompletableFuture<>();
            new Thread(() -> context.complete(vertx.getOrCreateContext())).start();
            contexts.add(context.get(10, TimeUnit.SECONDS));
        }
        return contexts;
    }

    /** The value at a dotted path of a result ({@code data.user.orders.0.id}). */
    static Object at(Object json, String path) {
        Object current = json;
        for (String segment : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
            } else if (current instanceof List<?> list) {
                current = list.get(Integer.parseInt(segment));
            } else {
                return null;
            }
        }
        return current;
    }

    /** A JSON object of a result, for map assertions. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object json) {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errors(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.getOrDefault("errors", List.of());
    }

    @Override
    public void close() throws Exception {
        for (RestBackend backend : backends) {
            backend.close();
        }
        upstreams.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
