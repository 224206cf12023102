package dev.archway.plugins.builtin.graphql.api;

import dev.archway.gatewayapi.graphql.Template.Ref;
import dev.archway.gatewayapi.graphql.Template.Source;
import dev.archway.gatewayapi.ir.filters.GraphQLApiConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.BatchLoader;

/**
 * The DataLoader function of a batched resolver: the keys of one dispatch, deduplicated, in
 * chunks of {@code maxSize}, one call per chunk with {@code {{ keys }}} rendered as the chunk's
 * keys; each key gets the answer's element whose {@code matchField} equals it (as text), or null.
 */
final class BatchCallLoader implements BatchLoader<BatchKey, Outcome> {
    private final RestResolver resolver;
    private final BackendCalls backend;
    private final GraphQLApiConfig.Batch batch;
    private final List<String> matchField;

    BatchCallLoader(RestResolver resolver, BackendCalls backend) {
        this.resolver = resolver;
        this.backend = backend;
        this.batch = resolver.batch();
        this.matchField = JsonPaths.parse(batch.matchField());
    }

    /** One call's answer: a failure for all its keys, or its elements by match value. */
    private record ChunkAnswer(Outcome.Failure failure, Map<String, Object> byKey) {}

    @Override
    public CompletionStage<List<Outcome>> load(List<BatchKey> items) {
        // Items that differ in other values (an argument, a header) cannot share a call.
        Map<Map<Ref, Object>, Set<String>> groups = new LinkedHashMap<>();
        for (BatchKey item : items) {
            groups.computeIfAbsent(item.context(), c -> new LinkedHashSet<>()).add(item.key());
        }
        Map<Map<Ref, Object>, Map<String, CompletableFuture<ChunkAnswer>>> answers = new HashMap<>();
        List<CompletableFuture<ChunkAnswer>> all = new ArrayList<>();
        groups.forEach((context, keys) -> {
            Map<String, CompletableFuture<ChunkAnswer>> byKey = new HashMap<>();
            List<String> distinct = List.copyOf(keys);
            for (int from = 0; from < distinct.size(); from += batch.maxSize()) {
                List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + batch.maxSize()));
                CompletableFuture<ChunkAnswer> answer = call(context, chunk);
                chunk.forEach(key -> byKey.put(key, answer));
                all.add(answer);
            }
            answers.put(context, byKey);
        });
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Outcome> outcomes = new ArrayList<>(items.size());
            for (BatchKey item : items) {
                ChunkAnswer answer = answers.get(item.context()).get(item.key()).join();
                outcomes.add(answer.failure() != null ? answer.failure() : new Outcome.Value(answer.byKey().get(item.key())));
            }
            return outcomes;
        });
    }

    private CompletableFuture<ChunkAnswer> call(Map<Ref, Object> context, List<String> chunk) {
        Encoding.Keys keys = new Encoding.Keys(chunk, batch.separator() == null ? "," : batch.separator());
        RestResolver.Rendering rendering = resolver.render(r -> r.source() == Source.KEYS ? keys : context.get(r));
        if (rendering.failure() != null) {
            // Each item was rendered alone before it was queued; only the joined keys can fail here
            // (a header with keys whose separator makes it invalid).
            return CompletableFuture.completedFuture(new ChunkAnswer(rendering.failure(), null));
        }
        return backend.send(resolver, rendering.call()).thenApply(this::index);
    }

    private ChunkAnswer index(Outcome outcome) {
        if (outcome instanceof Outcome.Failure failure) {
            return new ChunkAnswer(failure, null);
        }
        if (!(((Outcome.Value) outcome).json() instanceof List<?> elements)) {
            return new ChunkAnswer(Outcome.Failure.notArray(resolver.config().backend(), resolver.config().resultPath()),
                    null);
        }
        Map<String, Object> byKey = new HashMap<>();
        for (Object element : elements) {
            Object match = JsonPaths.select(element, matchField);
            if (match != null && !(match instanceof Map) && !(match instanceof List)) {
                // The first element with a key wins, as a backend would list it once.
                byKey.putIfAbsent(Encoding.text(match), element);
            }
        }
        return new ChunkAnswer(null, byKey);
    }
}
