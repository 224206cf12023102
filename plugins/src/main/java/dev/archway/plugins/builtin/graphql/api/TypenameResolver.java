package dev.archway.plugins.builtin.graphql.api;

import graphql.TypeResolutionEnvironment;
import graphql.execution.UnresolvedTypeException;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.TypeResolver;
import java.util.Map;

/**
 * Resolves interfaces and unions by the {@code "__typename"} key of the backend's JSON object, the
 * convention GraphQL itself uses. Without it the field is null with an error that says what the
 * JSON lacks (graphql-java turns the exception into an error on that field).
 */
final class TypenameResolver implements TypeResolver {
    static final TypenameResolver INSTANCE = new TypenameResolver();

    private TypenameResolver() {}

    @Override
    public GraphQLObjectType getType(TypeResolutionEnvironment env) {
        GraphQLNamedOutputType abstractType = (GraphQLNamedOutputType) GraphQLTypeUtil.unwrapAll(env.getFieldType());
        Object json = env.getObject();
        Object typename = json instanceof Map<?, ?> map ? map.get("__typename") : null;
        if (!(typename instanceof String name)) {
            throw new UnresolvedTypeException("The backend's JSON has no string \"__typename\" (expected the name of"
                    + " an object type that is a possible type of " + abstractType.getName() + ").", abstractType);
        }
        GraphQLObjectType type = env.getSchema().getObjectType(name);
        if (type == null || !env.getSchema().isPossibleType(abstractType, type)) {
            throw new UnresolvedTypeException("The backend's \"__typename\" '" + name + "' is not a possible type of "
                    + abstractType.getName() + ".", abstractType);
        }
        return type;
    }
}
