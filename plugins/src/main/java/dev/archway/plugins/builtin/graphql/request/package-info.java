/**
 * GraphQL over HTTP: reading a GraphQL request from a GET query string or a POST JSON body, and
 * answering with GraphQL-shaped errors and results in the media type the client negotiated.
 *
 * <p>Starting points: {@link dev.archway.plugins.builtin.graphql.request.GraphQLRequest#parse}
 * (head and body to a request, or a {@link dev.archway.plugins.builtin.graphql.request.GraphQLRequestException}
 * with its status), {@link dev.archway.plugins.builtin.graphql.request.GraphQLReplies} (errors and
 * results as local replies), {@link dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes}
 * (every {@code extensions.code} the gateway answers with) and
 * {@link dev.archway.plugins.builtin.graphql.request.PersistedQueryRewrite} (a hash-only request
 * made whole for the upstream).
 *
 * <pre>
 *  GET  /graphql?query=...&amp;operationName=...&amp;variables={json}&amp;extensions={json}
 *  POST /graphql   content-type: application/json   {"query", "operationName", "variables", "extensions"}
 *        │
 *        ▼
 *  GraphQLRequest ──(405 method, 415 media type, 413 size, 400 malformed)──► GraphQLReplies.error
 * </pre>
 */
package dev.archway.plugins.builtin.graphql.request;
