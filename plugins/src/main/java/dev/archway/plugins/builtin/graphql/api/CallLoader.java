package dev.archway.plugins.builtin.graphql.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.BatchLoader;

/**
 * The DataLoader function of a resolver without batch: one call per distinct {@link RestCall}, all
 * sent at once. The DataLoader's per-request cache makes identical calls one.
 */
final class CallLoader implements BatchLoader<RestCall, Outcome> {
    private final RestResolver resolver;
    private final BackendCalls backend;

    CallLoader(RestResolver resolver, BackendCalls backend) {
        this.resolver = resolver;
        this.backend = backend;
    }

    @Override
    public CompletionStage<List<Outcome>> load(List<RestCall> calls) {
        List<CompletableFuture<Outcome>> answers = calls.stream().map(call -> backend.send(resolver, call)).toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(v -> answers.stream().map(CompletableFuture::join).toList());
    }
}
