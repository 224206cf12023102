package dev.archway.plugins.builtin.graphql.guard;

import dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The size of the operation that will run, with fragments expanded: depth, complexity, aliases and
 * whether it asks for introspection.
 *
 * <p>Expanding fragments naively is exponential (each fragment spreading the next twice doubles
 * the work per fragment), so each fragment is measured once and its measure reused wherever it is
 * spread: the measure of a selection set does not depend on where it appears, only the depth adds
 * up and the cost is multiplied by the list sizes above it. The walk is therefore linear in the
 * document, which the parser already bounded. Totals saturate instead of overflowing, so an
 * exponential document shows up as a huge complexity and is refused, never as a hang. A fragment
 * reached again while it is being measured is a cycle and is refused.
 */
final class QueryShape {

    /**
     * The most levels (fields, fragment spreads and inline fragments) the walk goes down before it
     * gives up: the recursion stays well inside an event loop's stack, and a chain of fragments that
     * each spread the next cannot go deeper than that either.
     */
    static final int MAX_WALK_LEVELS = 500;

    private static final Set<String> LIST_SIZE_ARGUMENTS = Set.of("first", "last", "limit");
    private static final Set<String> INTROSPECTION_FIELDS = Set.of("__schema", "__type");
    private static final Measure EMPTY = new Measure(0, 0, 0, false);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    /**
     * @param depth the deepest field, a top-level field being 1
     * @param complexity each field 1, plus its children's complexity times its list size
     * @param aliases aliased fields, each fragment counted as often as it is spread
     * @param introspection whether {@code __schema} or {@code __type} is asked anywhere
     */
    record Measure(int depth, long complexity, long aliases, boolean introspection) {}

    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    private final Map<String, Value<?>> defaults = new HashMap<>();
    private final Map<String, Measure> measured = new HashMap<>();
    private final LinkedHashSet<String> inProgress = new LinkedHashSet<>();

    private QueryShape(Map<String, FragmentDefinition> fragments, OperationDefinition operation,
            Map<String, Object> variables) {
        this.fragments = fragments;
        this.variables = variables;
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            if (definition.getDefaultValue() != null) {
                defaults.put(definition.getName(), definition.getDefaultValue());
            }
        }
    }

    /** The operation that will run: the one named, or the only one. */
    static OperationDefinition operation(Document document, String operationName) throws Refusal {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName != null) {
            for (OperationDefinition operation : operations) {
                if (operationName.equals(operation.getName())) {
                    return operation;
                }
            }
            throw badRequest("operationName: " + operationName + " is not an operation of the document (operations: "
                    + names(operations) + ")");
        }
        if (operations.size() == 1) {
            return operations.get(0);
        }
        if (operations.isEmpty()) {
            throw badRequest("the document has no operation (expected: a query, mutation or subscription)");
        }
        throw badRequest("operationName: missing (expected: one of " + names(operations) + ", as the document has "
                + operations.size() + " operations)");
    }

    /** Measures {@code operation} of {@code document}, with the request's {@code variables} for list sizes. */
    static Measure measure(Document document, OperationDefinition operation, Map<String, Object> variables)
            throws Refusal {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            if (fragments.putIfAbsent(fragment.getName(), fragment) != null) {
                throw invalid("fragment " + fragment.getName() + " is defined more than once (expected: unique names)");
            }
        }
        return new QueryShape(fragments, operation, variables).selectionSet(operation.getSelectionSet(), 0);
    }

    private Measure selectionSet(SelectionSet set, int level) throws Refusal {
        if (set == null || set.getSelections().isEmpty()) {
            return EMPTY;
        }
        if (level >= MAX_WALK_LEVELS) {
            throw new Refusal(400, GraphQLErrorCodes.MAX_DEPTH_EXCEEDED, "the query nests more than "
                    + MAX_WALK_LEVELS + " levels of fields and fragments (the most the gateway measures)");
        }
        int depth = 0;
        long complexity = 0;
        long aliases = 0;
        boolean introspection = false;
        for (Selection<?> selection : set.getSelections()) {
            Measure m;
            if (selection instanceof Field field) {
                Measure children = selectionSet(field.getSelectionSet(), level + 1);
                m = new Measure(children.depth + 1,
                        add(1, multiply(listSize(field), children.complexity)),
                        add(field.getAlias() != null ? 1 : 0, children.aliases),
                        children.introspection || INTROSPECTION_FIELDS.contains(field.getName()));
            } else if (selection instanceof FragmentSpread spread) {
                m = fragment(spread.getName(), level + 1);
            } else if (selection instanceof InlineFragment inline) {
                m = selectionSet(inline.getSelectionSet(), level + 1);
            } else {
                continue;
            }
            depth = Math.max(depth, m.depth);
            complexity = add(complexity, m.complexity);
            aliases = add(aliases, m.aliases);
            introspection |= m.introspection;
        }
        return new Measure(depth, complexity, aliases, introspection);
    }

    private Measure fragment(String name, int level) throws Refusal {
        Measure known = measured.get(name);
        if (known != null) {
            return known;
        }
        FragmentDefinition definition = fragments.get(name);
        if (definition == null) {
            throw invalid("fragment " + name + " is spread but not defined");
        }
        if (!inProgress.add(name)) {
            throw invalid("fragment " + name + " spreads itself: " + cycle(name) + " (expected: no fragment cycles)");
        }
        Measure measure = selectionSet(definition.getSelectionSet(), level);
        inProgress.remove(name);
        measured.put(name, measure);
        return measure;
    }

    /**
     * The list size a field asks for: the largest of its {@code first}, {@code last} and
     * {@code limit} arguments, as a literal, a variable of the request or the variable's default.
     * Zero and negative count as 1: such a page is empty or an error, and counting its children
     * once keeps them visible to the limit.
     */
    private long listSize(Field field) {
        long size = 1;
        for (Argument argument : field.getArguments()) {
            if (LIST_SIZE_ARGUMENTS.contains(argument.getName())) {
                size = Math.max(size, intValue(argument.getValue()));
            }
        }
        return size;
    }

    private long intValue(Value<?> value) {
        if (value instanceof IntValue literal) {
            return clampToInt(literal.getValue());
        }
        if (value instanceof VariableReference reference) {
            String name = reference.getName();
            if (variables.containsKey(name)) {
                return number(variables.get(name));
            }
            Value<?> fallback = defaults.get(name);
            return fallback instanceof IntValue literal ? clampToInt(literal.getValue()) : 1;
        }
        return 1;
    }

    /** A variable's value as a list size; a GraphQL Int is 32 bits, so larger values are capped there. */
    private static long number(Object value) {
        BigDecimal decimal;
        try {
            if (value instanceof BigDecimal d) {
                decimal = d;
            } else if (value instanceof BigInteger i) {
                decimal = new BigDecimal(i);
            } else if (value instanceof Number n) {
                decimal = new BigDecimal(n.toString());
            } else if (value instanceof String s) {
                decimal = new BigDecimal(s.trim());
            } else {
                return 1;
            }
        } catch (NumberFormatException e) {
            return 1;
        }
        // Compared, never converted first: 1e100000000 is a short text but a BigInteger of 40 MB,
        // and turning it into one would hold the event loop for minutes.
        if (decimal.compareTo(BigDecimal.ONE) < 0) {
            return 1;
        }
        if (decimal.compareTo(INT_MAX) > 0) {
            return Integer.MAX_VALUE;
        }
        return decimal.intValue();
    }

    private static long clampToInt(BigInteger value) {
        if (value.signum() <= 0) {
            return 1;
        }
        return value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : value.longValue();
    }

    private String cycle(String name) {
        List<String> path = new ArrayList<>();
        boolean inCycle = false;
        for (String fragment : inProgress) {
            inCycle |= fragment.equals(name);
            if (inCycle) {
                path.add(fragment);
            }
        }
        path.add(name);
        return String.join(" -> ", path);
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    private static String names(List<OperationDefinition> operations) {
        return operations.stream()
                .map(o -> o.getName() == null ? "(anonymous)" : o.getName())
                .collect(Collectors.joining(", "));
    }

    private static Refusal badRequest(String message) {
        return new Refusal(400, GraphQLErrorCodes.BAD_REQUEST, message);
    }

    private static Refusal invalid(String message) {
        return new Refusal(400, GraphQLErrorCodes.GRAPHQL_VALIDATION_FAILED, message);
    }
}
