package dev.archway.gatewayapi.graphql;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.language.SourceLocation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and checks a schema in SDL, and queries against it, with problems as
 * {@code LINE:COLUMN: message} so that a user finds them in the SDL of their YAML.
 */
public final class SchemaCheck {
    private final GraphQLSchema schema;
    private final List<String> problems;

    private SchemaCheck(GraphQLSchema schema, List<String> problems) {
        this.schema = schema;
        this.problems = List.copyOf(problems);
    }

    /** Checks {@code sdl}; {@link #problems()} is empty when it is a usable schema. */
    public static SchemaCheck of(String sdl) {
        List<String> problems = new ArrayList<>();
        if (sdl == null || sdl.isBlank()) {
            return new SchemaCheck(null, List.of("missing (expected a schema in SDL with a Query type)"));
        }
        try {
            TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
            return new SchemaCheck(UnExecutableSchemaGenerator.makeUnExecutableSchema(registry), problems);
        } catch (SchemaProblem e) {
            e.getErrors().forEach(err -> problems.add(describe(err)));
        } catch (RuntimeException e) {
            // The parser reports some problems (too many tokens, bad characters) as other exceptions.
            problems.add(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return new SchemaCheck(null, problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** The schema, or null when there are problems. */
    public GraphQLSchema schema() {
        return schema;
    }

    /** The object type's field, or null when the schema has no such object type or field. */
    public GraphQLFieldDefinition field(String type, String field) {
        if (schema == null || !(schema.getType(type) instanceof GraphQLObjectType object)) {
            return null;
        }
        return object.getFieldDefinition(field);
    }

    /** Problems of {@code query} against the schema, each {@code LINE:COLUMN: message}. */
    public List<String> checkQuery(String query) {
        if (schema == null) {
            return List.of();
        }
        ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema,
                ExecutionInput.newExecutionInput(query == null ? "" : query).build());
        return result.getErrors().stream().map(SchemaCheck::describe).toList();
    }

    private static String describe(GraphQLError error) {
        List<SourceLocation> at = error.getLocations();
        String message = error.getMessage();
        if (at == null || at.isEmpty() || at.get(0) == null) {
            return message;
        }
        return at.get(0).getLine() + ":" + at.get(0).getColumn() + ": " + message;
    }
}
