package io.graphqlusers.server.websocket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import graphql.GraphQLError;
import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeUtil;
import graphql.language.NodeVisitorStub;
import graphql.language.NonNullType;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * A checked operation received on a WebSocket. For a subscription it also carries the query that renders one event:
 * {@code subscription S($a: ID) { postCreated(authorId: $a) { title } }} becomes
 * {@code query S($subscriptionEventId: ID!) { postCreated: post(id: $subscriptionEventId) { title } }}, built once
 * per subscription, so every event is a cached document with one new variable.
 *
 * @param field the subscription field served, or null for a query or mutation
 * @param arguments the subscription field's argument values, by name
 * @param renderQuery the document that renders one event
 * @param responseKey the key of the subscription field in results (its alias or name)
 * @param type the operation's type, for metrics
 * @param rootField the operation's first root field, for metrics
 */
record SubscriptionRequest(ServedSubscription field, Map<String, Object> arguments, String renderQuery,
        String responseKey, SourceLocation location, String operationName, Map<String, Object> variables,
        OperationDefinition.Operation type, String rootField) {

    static final String EVENT_ID = "subscriptionEventId";

    /** The operation cannot run; {@code errors} say why. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<GraphQLError> errors;

        Rejected(List<GraphQLError> errors) {
            super(null, null, false, false);
            this.errors = errors;
        }

        List<GraphQLError> errors() {
            return errors;
        }
    }

    static SubscriptionRequest of(Document parsed, JsonObject payload, Map<String, Object> variables,
            Map<String, ServedSubscription> fields, String rootField) {
        String operationName = payload.get("operationName") instanceof JsonString name ? name.getString() : null;
        OperationDefinition operation = NodeUtil.getOperation(parsed, operationName).operationDefinition;
        OperationDefinition.Operation type = operation.getOperation();
        if (type != OperationDefinition.Operation.SUBSCRIPTION) {
            return new SubscriptionRequest(null, Map.of(), null, null, null, operationName, variables, type, rootField);
        }
        // Validation has ensured exactly one root field; a fragment spread there is resolved by SmallRye alone.
        Field root = (Field) operation.getSelectionSet().getSelections().get(0);
        ServedSubscription field = fields.get(root.getName());
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (Argument argument : root.getArguments()) {
            arguments.put(argument.getName(), valueOf(argument.getValue(), variables));
        }
        Field rendered = Field.newField(field.queryField()).alias(root.getResultKey())
                .arguments(List.of(new Argument("id", new VariableReference(EVENT_ID))))
                .directives(root.getDirectives()).selectionSet(root.getSelectionSet()).build();
        Document.Builder document = Document.newDocument();
        List<FragmentDefinition> fragments = parsed.getDefinitionsOfType(FragmentDefinition.class);
        Set<String> used = variablesUsedIn(rendered, fragments);
        List<VariableDefinition> declared = new ArrayList<>();
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            if (used.contains(definition.getName())) {
                declared.add(definition);
            }
        }
        declared.add(new VariableDefinition(EVENT_ID, new NonNullType(new TypeName("ID"))));
        document.definition(OperationDefinition.newOperationDefinition().name(operation.getName())
                .operation(OperationDefinition.Operation.QUERY).variableDefinitions(declared)
                .directives(operation.getDirectives())
                .selectionSet(SelectionSet.newSelectionSet().selection(rendered).build()).build());
        fragments.forEach(document::definition);
        String query = AstPrinter.printAstCompact(document.build());
        return new SubscriptionRequest(field, arguments, query, root.getResultKey(), root.getSourceLocation(),
                operationName, variables, type, rootField);
    }

    private static Object valueOf(Value<?> value, Map<String, Object> variables) {
        if (value instanceof VariableReference reference) {
            return variables.get(reference.getName());
        }
        if (value instanceof StringValue string) {
            return string.getValue();
        }
        return value instanceof NullValue ? null : AstPrinter.printAst(value);
    }

    private static Set<String> variablesUsedIn(Field field, List<FragmentDefinition> fragments) {
        Set<String> used = new HashSet<>();
        List<Node<?>> roots = new ArrayList<>();
        roots.add(field);
        roots.addAll(fragments);
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            @SuppressWarnings("rawtypes") // graphql-java's visitor API uses the raw Node type
            public TraversalControl visitVariableReference(VariableReference node, TraverserContext<Node> context) {
                used.add(node.getName());
                return TraversalControl.CONTINUE;
            }
        }, roots);
        return used;
    }
}
