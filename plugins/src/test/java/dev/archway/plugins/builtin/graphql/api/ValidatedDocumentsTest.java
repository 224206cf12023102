package dev.archway.plugins.builtin.graphql.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ValidatedDocumentsTest {
    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { a: Int b: Int }"), RuntimeWiring.newRuntimeWiring().build());

    private final AtomicInteger fallbacks = new AtomicInteger();

    private PreparsedDocumentEntry entry(ValidatedDocuments documents, String query) throws Exception {
        ExecutionInput input = ExecutionInput.newExecutionInput(query).build();
        input.getGraphQLContext().put(graphql.language.Document.class, Parser.parse(query));
        return documents.getDocumentAsync(input, i -> {
            fallbacks.incrementAndGet();
            throw new AssertionError("the parsed document is handed in; graphql-java must not parse again");
        }).get();
    }

    @Test
    void keepsTheOutcomeOfARepeatedQueryAndItsErrors() throws Exception {
        ValidatedDocuments documents = new ValidatedDocuments(SCHEMA, 10, 1600);

        PreparsedDocumentEntry first = entry(documents, "{ a }");
        PreparsedDocumentEntry invalid = entry(documents, "{ nope }");

        assertThat(entry(documents, "{ a }")).isSameAs(first);
        assertThat(entry(documents, "{ nope }")).isSameAs(invalid);
        assertThat(invalid.hasErrors()).isTrue();
        assertThat(documents.size()).isEqualTo(2);
    }

    @Test
    void validatesALongQueryEveryTimeInsteadOfKeepingIt() throws Exception {
        ValidatedDocuments documents = new ValidatedDocuments(SCHEMA, 10, 1600);
        String longQuery = "{ " + "a ".repeat(60) + "}"; // over 1600 / 16 = 100 characters

        PreparsedDocumentEntry first = entry(documents, longQuery);

        assertThat(first.hasErrors()).isFalse();
        assertThat(entry(documents, longQuery)).isNotSameAs(first);
        assertThat(documents.size()).isZero();
        assertThat(documents.totalChars()).isZero();
    }

    @Test
    void dropsTheLeastRecentlyUsedTextsWhenTheirTotalLengthIsOverTheBudget() throws Exception {
        ValidatedDocuments documents = new ValidatedDocuments(SCHEMA, 1000, 1600);
        String kept = "{ b }";
        PreparsedDocumentEntry keptEntry = entry(documents, kept);

        for (int i = 0; i < 200; i++) {
            entry(documents, "{ x" + i + ": a " + "a ".repeat(30) + "}");
            entry(documents, kept); // used again, so never the eldest
        }

        assertThat(documents.totalChars()).isLessThanOrEqualTo(1600);
        assertThat(documents.size()).isLessThan(30);
        assertThat(entry(documents, kept)).isSameAs(keptEntry);
        assertThat(fallbacks).hasValue(0);
    }

    @Test
    void keepsAtMostCapacityEntries() throws Exception {
        ValidatedDocuments documents = new ValidatedDocuments(SCHEMA, 3, 1600);

        for (int i = 0; i < 10; i++) {
            entry(documents, "{ x" + i + ": a }");
        }

        assertThat(documents.size()).isEqualTo(3);
        assertThat(documents.totalChars()).isEqualTo(3 * "{ x0: a }".length());
    }
}
