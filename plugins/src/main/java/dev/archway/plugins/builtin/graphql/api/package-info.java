/**
 * The executor of a GraphQLApi: a schema in SDL whose fields are resolved by REST calls, run by
 * graphql-java on the request's event loop.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.graphql.api.GraphQLExecutor} (built once
 * per snapshot, {@code execute} once per request with an
 * {@link dev.archway.plugins.builtin.graphql.api.ExecutionRequest}). {@code ExecutableSchema} wires
 * the SDL: a configured field gets a {@code RestDataFetcher}, every other field reads the
 * same-named key of its parent's JSON, interfaces and unions resolve by {@code __typename}.
 * {@code RestResolver} renders one call from the templates; per request, one DataLoader per
 * resolver ({@code CallLoader}, or {@code BatchCallLoader} for a batch) deduplicates and batches
 * the calls, which {@code BackendCalls} sends with the resolver's timeout. Failures become errors
 * on their field ({@code Outcome.Failure}); the rest of the query still resolves.
 *
 * <pre>
 *   execute ── graphql-java ── RestDataFetcher ── RestResolver.render ── DataLoader.load
 *                  │ (per level: dispatchAll)                                 │
 *                  └──────────── CallLoader / BatchCallLoader ── BackendCalls ── UpstreamClient
 * </pre>
 */
package dev.archway.plugins.builtin.graphql.api;
