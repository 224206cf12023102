package dev.archway.plugins.builtin.graphql.api;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.validation.GoodFaithIntrospectionExceeded;
import graphql.validation.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hands graphql-java the document the request guard already parsed, so a query is parsed once,
 * and keeps the validation outcome of the most recently used query texts, so a repeated query
 * skips validation. Shared by all event loops of a snapshot, hence synchronized; the work inside
 * the lock is a map operation (validation runs outside it).
 */
final class ValidatedDocuments implements PreparsedDocumentProvider {
    private final graphql.schema.GraphQLSchema schema;
    private final Map<String, PreparsedDocumentEntry> recent;

    ValidatedDocuments(graphql.schema.GraphQLSchema schema, int capacity) {
        this.schema = schema;
        this.recent = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Document document = input.getGraphQLContext().get(Document.class);
        if (document == null) {
            // Not reached through GraphQLExecutor, which always passes the parsed document.
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        String key = input.getQuery();
        PreparsedDocumentEntry entry = key == null || key.isEmpty() ? null : cached(key);
        if (entry == null) {
            entry = validate(document);
            if (key != null && !key.isEmpty()) {
                remember(key, entry);
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

    private PreparsedDocumentEntry validate(Document document) {
        try {
            // Every rule, good-faith introspection included, as graphql-java's own validation.
            List<ValidationError> errors = ParseAndValidate.validate(schema, document, Locale.ENGLISH);
            return errors.isEmpty() ? new PreparsedDocumentEntry(document) : new PreparsedDocumentEntry(document, errors);
        } catch (GoodFaithIntrospectionExceeded e) {
            return new PreparsedDocumentEntry(document, List.of(e.toBadFaithError()));
        }
    }

    private synchronized PreparsedDocumentEntry cached(String query) {
        return recent.get(query);
    }

    private synchronized void remember(String query, PreparsedDocumentEntry entry) {
        recent.put(query, entry);
    }

    synchronized int size() {
        return recent.size();
    }
}
