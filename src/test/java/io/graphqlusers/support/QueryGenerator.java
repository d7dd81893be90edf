package io.graphqlusers.support;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import graphql.ParseAndValidate;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NonNullType;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Random, valid query documents over a schema, from a seed: every field of every type reachable from {@code Query}
 * (within a depth), with arguments made from their types (IDs, strings and cursors from pools the test fills from
 * real answers, enums, small page sizes), aliases, inline fragments with and without a type condition, named
 * fragments, {@code __typename}, and {@code @skip}/{@code @include} with literals and variables. Nothing in it names
 * a field of our schema: a field added later is generated too. Each document is validated against the schema and
 * made again when it is not valid (the generator's mistake, not the server's).
 */
public final class QueryGenerator {

    /** A document and the variables its operation declares. */
    public record Generated(Document document, Map<String, Object> variables) {
    }

    private final GraphQLSchema schema;
    private final Random random;
    private final int maxDepth;
    /** IDs, strings and cursors to draw argument values from; the test adds what it learns from answers. */
    private final List<String> ids = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();
    private final List<String> cursors = new ArrayList<>();
    /** What the documents generated so far exercised: {@code Type.field} and {@code Type.field(argument)}. */
    private final Set<String> fields = new HashSet<>();
    private final Set<String> arguments = new HashSet<>();
    private int invalid;

    // Per document.
    private Map<String, Object> variables;
    private List<VariableDefinition> variableDefinitions;
    private List<FragmentDefinition> fragments;
    private int names;

    public QueryGenerator(GraphQLSchema schema, long seed, int maxDepth) {
        this.schema = schema;
        this.random = new Random(seed);
        this.maxDepth = maxDepth;
    }

    public void addIds(List<String> values) {
        ids.addAll(values);
    }

    public void addStrings(List<String> values) {
        strings.addAll(values);
    }

    public void addCursor(String cursor) {
        if (cursors.size() < 500 && !cursors.contains(cursor)) {
            cursors.add(cursor);
        }
    }

    public Set<String> fields() {
        return fields;
    }

    public Set<String> arguments() {
        return arguments;
    }

    /** Documents the generator made that did not validate, and made again. */
    public int invalid() {
        return invalid;
    }

    public Generated next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            Set<String> fieldsBefore = new HashSet<>(fields);
            Set<String> argumentsBefore = new HashSet<>(arguments);
            Generated generated = generate();
            if (ParseAndValidate.validate(schema, generated.document(), Locale.ROOT).isEmpty()) {
                return generated;
            }
            invalid++;
            fields.retainAll(fieldsBefore);
            arguments.retainAll(argumentsBefore);
        }
        throw new IllegalStateException("no valid document in 100 attempts");
    }

    @SuppressWarnings("rawtypes") // graphql-java's Document takes a list of raw Definitions
    private Generated generate() {
        variables = new LinkedHashMap<>();
        variableDefinitions = new ArrayList<>();
        fragments = new ArrayList<>();
        names = 0;
        // Mostly one root field: a document is answered by one engine, and each root field may send it to SmallRye.
        SelectionSet root = selectionSet(schema.getQueryType(), 1, random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2));
        OperationDefinition.Builder operation = OperationDefinition.newOperationDefinition()
                .operation(OperationDefinition.Operation.QUERY).selectionSet(root);
        if (random.nextInt(3) == 0) {
            operation.name("Generated" + random.nextInt(1000));
        }
        // Fragments first: a field appended to the operation then moves no error location inside them.
        List<Definition> definitions = new ArrayList<>(fragments);
        definitions.add(operation.variableDefinitions(variableDefinitions).build());
        return new Generated(Document.newDocument().definitions(definitions).build(), variables);
    }

    private SelectionSet selectionSet(GraphQLFieldsContainer type, int depth, int count) {
        List<Selection<?>> selections = new ArrayList<>();
        if (type instanceof GraphQLInterfaceType node) {
            // What every implementation has, then some of each implementation's own.
            selections.add(field(node, pick(node.getFieldDefinitions()), depth));
            for (GraphQLObjectType implementation : schema.getImplementations(node)) {
                if (random.nextBoolean()) {
                    selections.add(InlineFragment.newInlineFragment().typeCondition(new TypeName(implementation.getName()))
                            .selectionSet(selectionSet(implementation, depth, 1 + random.nextInt(3))).build());
                }
            }
            return new SelectionSet(selections);
        }
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                selections.add(Field.newField("__typename").build());
            } else if (kind == 1) {
                // An inline fragment: with or without a type condition, perhaps conditional.
                InlineFragment.Builder inline = InlineFragment.newInlineFragment()
                        .selectionSet(selectionSet(type, depth, 1 + random.nextInt(2)));
                if (random.nextBoolean()) {
                    inline.typeCondition(new TypeName(type.getName()));
                }
                selections.add(inline.directives(conditions()).build());
            } else if (kind == 2 && fragments.size() < 3) {
                SelectionSet fragment = selectionSet(type, depth, 1 + random.nextInt(2));
                String name = "F" + fragments.size() + type.getName();
                fragments.add(FragmentDefinition.newFragmentDefinition().name(name)
                        .typeCondition(new TypeName(type.getName())).selectionSet(fragment).build());
                selections.add(FragmentSpread.newFragmentSpread(name).directives(conditions()).build());
            } else {
                List<GraphQLFieldDefinition> candidates = depth >= maxDepth ? leaves(type) : type.getFieldDefinitions();
                if (candidates.isEmpty()) {
                    candidates = type.getFieldDefinitions();
                }
                selections.add(field(type, pick(candidates), depth));
            }
        }
        return new SelectionSet(selections);
    }

    private Field field(GraphQLFieldsContainer type, GraphQLFieldDefinition definition, int depth) {
        fields.add(type.getName() + "." + definition.getName());
        Field.Builder field = Field.newField(definition.getName());
        // Every field gets an alias of its own now and then; two selections of one field with different arguments
        // must have different response keys, so a field with arguments always does.
        if (!definition.getArguments().isEmpty() || random.nextInt(4) == 0) {
            field.alias(definition.getName().charAt(0) + "" + names++);
        }
        List<Argument> given = new ArrayList<>();
        boolean paged = false;
        for (GraphQLArgument argument : definition.getArguments()) {
            boolean required = argument.getType() instanceof GraphQLNonNull;
            String name = argument.getName();
            boolean page = name.equals("first") || name.equals("last");
            // Optional arguments now and then: cursors and input objects less often, first and last together rarely.
            int odds = page ? 3
                    : GraphQLTypeUtil.unwrapNonNull(argument.getType()) instanceof GraphQLInputObjectType
                            || name.equals("after") || name.equals("before") ? 6 : 3;
            if (!required && (random.nextInt(odds) != 0 || (page && paged && random.nextInt(10) != 0))) {
                continue;
            }
            paged |= page;
            arguments.add(type.getName() + "." + definition.getName() + "(" + name + ")");
            given.add(new Argument(name, argumentValue(name, argument.getType())));
        }
        field.arguments(given).directives(random.nextInt(8) == 0 ? conditions() : List.of());
        GraphQLType result = GraphQLTypeUtil.unwrapAll(definition.getType());
        if (result instanceof GraphQLFieldsContainer container) {
            field.selectionSet(selectionSet(container, depth + 1, 1 + random.nextInt(3)));
        }
        return field.build();
    }

    /** The value of an argument; page sizes and IDs are sometimes variables. */
    private Value<?> argumentValue(String name, GraphQLInputType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLScalarType scalar && random.nextInt(3) == 0
                && (scalar.getName().equals("Int") || scalar.getName().equals("ID"))) {
            String variable = "v" + variableDefinitions.size();
            Object value = scalar.getName().equals("Int") ? pageSize() : id();
            variables.put(variable, value);
            variableDefinitions.add(new VariableDefinition(variable, type instanceof GraphQLNonNull
                    ? new NonNullType(new TypeName(scalar.getName()))
                    : new TypeName(scalar.getName())));
            return new VariableReference(variable);
        }
        return value(name, type);
    }

    @SuppressWarnings("rawtypes") // graphql-java's ArrayValue takes a list of raw Values
    private Value<?> value(String name, GraphQLInputType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            List<Value> items = new ArrayList<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                items.add(value(name, (GraphQLInputType) list.getWrappedType()));
            }
            return new ArrayValue(items);
        }
        if (bare instanceof GraphQLEnumType enumeration) {
            return new EnumValue(pick(enumeration.getValues()).getName());
        }
        if (bare instanceof GraphQLInputObjectType object) {
            List<ObjectField> given = new ArrayList<>();
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                if (field.getType() instanceof GraphQLNonNull || random.nextInt(3) == 0) {
                    given.add(new ObjectField(field.getName(), value(field.getName(), field.getType())));
                }
            }
            return ObjectValue.newObjectValue().objectFields(given).build();
        }
        String scalar = ((GraphQLNamedType) bare).getName();
        return switch (scalar) {
            case "Int" -> new IntValue(BigInteger.valueOf(pageSize()));
            case "Boolean" -> new BooleanValue(random.nextBoolean());
            case "ID" -> new StringValue(id());
            // after/before take cursors; other strings are parts of names, titles and addresses.
            default -> new StringValue(name.equals("after") || name.equals("before") ? cursor() : text());
        };
    }

    private int pageSize() {
        return random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(4);
    }

    private String id() {
        int roll = random.nextInt(60);
        if (roll == 0) {
            return "VXNlcjo5OTk5OTk5OTk"; // User:999999999, which does not exist
        }
        if (roll == 1) {
            return "UG9zdDo5OTk5OTk5OTk"; // Post:999999999
        }
        if (roll == 2) {
            return "not an id";
        }
        return ids.isEmpty() ? "VXNlcjox" : pick(ids);
    }

    private String cursor() {
        return cursors.isEmpty() || random.nextInt(30) == 0 ? "not a cursor" : pick(cursors);
    }

    private String text() {
        if (strings.isEmpty()) {
            return "a";
        }
        String value = pick(strings);
        int from = random.nextInt(value.length());
        return value.substring(from, Math.min(value.length(), from + 1 + random.nextInt(6)));
    }

    private List<Directive> conditions() {
        if (random.nextBoolean()) {
            return List.of();
        }
        String name = random.nextBoolean() ? "include" : "skip";
        Value<?> condition;
        if (random.nextBoolean()) {
            String variable = "c" + variableDefinitions.size();
            variables.put(variable, random.nextBoolean());
            variableDefinitions.add(new VariableDefinition(variable, new NonNullType(new TypeName("Boolean"))));
            condition = new VariableReference(variable);
        } else {
            condition = new BooleanValue(random.nextBoolean());
        }
        return List.of(new Directive(name, List.of(new Argument("if", condition))));
    }

    /** Fields of a type that need no selection of their own, to stop at the depth bound. */
    private static List<GraphQLFieldDefinition> leaves(GraphQLFieldsContainer type) {
        return type.getFieldDefinitions().stream()
                .filter(field -> !(GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLFieldsContainer))
                .toList();
    }

    /** Every {@code Type.field} reachable from Query, introspection aside: what a run should have exercised. */
    public Set<String> reachableFields() {
        Set<String> reachable = new HashSet<>();
        Set<String> seen = new HashSet<>();
        List<GraphQLFieldsContainer> pending = new ArrayList<>(List.of(schema.getQueryType()));
        while (!pending.isEmpty()) {
            GraphQLFieldsContainer type = pending.remove(pending.size() - 1);
            if (!seen.add(type.getName())) {
                continue;
            }
            if (type instanceof GraphQLInterfaceType node) {
                pending.addAll(schema.getImplementations(node));
            }
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                reachable.add(type.getName() + "." + field.getName());
                if (GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLFieldsContainer container) {
                    pending.add(container);
                }
            }
        }
        return reachable;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

}
