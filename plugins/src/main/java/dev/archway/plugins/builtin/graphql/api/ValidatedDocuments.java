package dev.archway.plugins.builtin.graphql.api;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.validation.GoodFaithIntrospectionExceeded;
import graphql.validation.ValidationError;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hands graphql-java the document the request guard already parsed, so a query is parsed once,
 * and keeps the validation outcome of the most recently used query texts, so a repeated query
 * skips validation. Shared by all event loops of a snapshot, hence synchronized; the work inside
 * the lock is a map operation (validation runs outside it).
 *
 * <p>The cache is bounded by entries and by the total length of the texts it keeps (each entry
 * also holds the document, several times the text's size), and a text longer than a sixteenth of
 * that total is validated every time: clients that send large distinct queries cannot grow the
 * heap, and the repeated queries of real clients are short.
 */
final class ValidatedDocuments implements PreparsedDocumentProvider {
    private final graphql.schema.GraphQLSchema schema;
    private final int capacity;
    private final long maxTotalChars;
    private final LinkedHashMap<String, PreparsedDocumentEntry> recent = new LinkedHashMap<>(64, 0.75f, true);
    private long totalChars;

    ValidatedDocuments(graphql.schema.GraphQLSchema schema, int capacity, long maxTotalChars) {
        this.schema = schema;
        this.capacity = capacity;
        this.maxTotalChars = maxTotalChars;
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
        boolean cacheable = key != null && !key.isEmpty() && key.length() <= maxTotalChars / 16;
        PreparsedDocumentEntry entry = cacheable ? cached(key) : null;
        if (entry == null) {
            entry = validate(document);
            if (cacheable) {
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
        if (recent.put(query, entry) == null) {
            totalChars += query.length();
        }
        Iterator<String> eldest = recent.keySet().iterator();
        while (recent.size() > capacity || totalChars > maxTotalChars) {
            totalChars -= eldest.next().length();
            eldest.remove();
        }
    }

    synchronized int size() {
        return recent.size();
    }

    synchronized long totalChars() {
        return totalChars;
    }
}
