/**
 * Decides whether a GraphQL request may run: persisted queries (Apollo APQ, an allow-list, or
 * neither), parsing with bounded work, and the limits of {@code GraphQLProtectionConfig} measured
 * on the operation that will run, fragments expanded.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.graphql.guard.QueryGuard} (one per config,
 * shared by every event loop; {@code check} answers a
 * {@link dev.archway.plugins.builtin.graphql.guard.GuardResult}), {@code QueryShape} (the measure of
 * an operation, linear in the document even for fragments that would expand exponentially),
 * {@code PersistedQueries} and {@code PersistedQueryStore} (hash to query).
 *
 * <pre>
 *  GraphQLRequest ─► persisted query? ─► parse (bounded) ─► operation ─► GET runs queries only
 *                  ─► introspection ─► depth ─► aliases ─► complexity ─► Accepted (learn APQ)
 *                  any step may answer Rejected(status, code, message)
 * </pre>
 */
package dev.archway.plugins.builtin.graphql.guard;
