package io.graphqlusers.server.guard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.InvalidSyntaxError;
import graphql.ParseAndValidate;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.CoercedVariables;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionContextBuilder;
import graphql.execution.ExecutionId;
import graphql.execution.RawVariables;
import graphql.execution.UnknownOperationException;
import graphql.execution.ValuesResolver;
import graphql.introspection.GoodFaithIntrospection;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeUtil;
import graphql.language.NodeVisitorStub;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ErrorCode;
import io.graphqlusers.server.errors.ErrorTranslator;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Checks a GraphQL document before anything executes: syntax, validity against the schema, nesting depth and
 * estimated cost. A document that fails gets errors and never reaches a resolver, so an abusive query costs
 * parsing and a tree walk, not SQL.
 * <p>
 * Valid documents are cached by their text (bounded, least recently used first out), so a client repeating a
 * query pays only for the variable-dependent cost estimate.
 */
@ApplicationScoped
public class DocumentAnalyzer {

    /** In {@code app.introspection.roles}: every caller, anonymous ones too. */
    private static final String ANYONE = "*";

    private final AppConfig.Limits limits;
    private final AppConfig.Page page;
    private final AppConfig.Introspection introspection;
    private final Instance<GraphQLSchema> schemaInstance;
    private final Map<String, Valid> validDocuments;
    private final ParserOptions parserOptions;
    private volatile GraphQLSchema schema;

    DocumentAnalyzer(AppConfig config, Instance<GraphQLSchema> schema) {
        this.limits = config.limits();
        this.page = config.page();
        this.introspection = config.introspection();
        this.schemaInstance = schema;
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxTokens(limits.maxTokens()).maxCharacters(limits.maxQueryLength()));
        // graphql-java keeps this bound per JVM; validation stops there, here and in SmallRye alike.
        Validator.setMaxValidationErrors(limits.maxValidationErrors());
        int capacity = limits.documentCacheSize();
        this.validDocuments = Collections.synchronizedMap(new LinkedHashMap<>(capacity, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Valid> eldest) {
                return size() > capacity;
            }
        });
    }

    /**
     * {@link #check(String, String, Map)}, and a document that reads the schema ({@code __schema}, {@code __type})
     * refused when the caller may not ({@code app.introspection.roles}): UNAUTHENTICATED without a token, FORBIDDEN
     * with one.
     *
     * @param caller the caller's identity, null or anonymous without a token
     * @return the errors that stop this request, empty when it may execute
     */
    public List<GraphQLError> check(String query, String operationName, Map<String, Object> variables,
            SecurityIdentity caller) {
        List<GraphQLError> rejected = check(query, operationName, variables);
        if (!rejected.isEmpty()) {
            return rejected;
        }
        // The document's answer is cached; the caller's roles are asked only of the few documents that need them.
        Valid valid = validDocuments.get(query);
        boolean introspects = valid != null ? valid.introspects() : readsSchema(parsed(query));
        return introspects && !mayIntrospect(caller) ? List.of(introspectionRefusal(caller)) : List.of();
    }

    /** Whether the caller may read the schema: introspection, and the schema document. */
    public boolean mayIntrospect(SecurityIdentity caller) {
        Set<String> roles = introspection.roles();
        if (roles.contains(ANYONE)) {
            return true;
        }
        return caller != null && !caller.isAnonymous() && roles.stream().anyMatch(caller::hasRole);
    }

    /** What a caller who may not read the schema gets. */
    public GraphQLError introspectionRefusal(SecurityIdentity caller) {
        boolean anonymous = caller == null || caller.isAnonymous();
        return ErrorTranslator.error(anonymous ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN,
                "The schema (introspection and the schema document) is open to " + String.join(", ",
                        new TreeSet<>(introspection.roles())) + " only" + (anonymous ? "; send a token" : ""),
                Map.of("field", "__schema"));
    }

    /** Whether any field of the document, in any operation or fragment, reads the schema. */
    private static boolean readsSchema(Document document) {
        boolean[] found = { false };
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            @SuppressWarnings("rawtypes") // graphql-java's visitor API uses the raw Node type
            public TraversalControl visitField(Field node, TraverserContext<Node> context) {
                if (node.getName().equals("__schema") || node.getName().equals("__type")) {
                    found[0] = true;
                    return TraversalControl.QUIT;
                }
                return TraversalControl.CONTINUE;
            }
        }, document.getDefinitions());
        return found[0];
    }

    /** @return the errors that stop this request, empty when it may execute */
    public List<GraphQLError> check(String query, String operationName, Map<String, Object> variables) {
        if (query.length() > limits.maxQueryLength()) {
            return List.of(limitError("The document has " + query.length() + " characters, more than the maximum of "
                    + limits.maxQueryLength(), "maxQueryLength"));
        }
        Valid valid = validDocuments.get(query);
        if (valid == null) {
            Document document;
            try {
                document = parse(query);
            } catch (ParseCancelledException e) {
                return List.of(limitError("The document has more than the maximum of " + limits.maxTokens() + " tokens",
                        "maxTokens"));
            } catch (InvalidSyntaxException e) {
                return ErrorTranslator.translate(List.of(new InvalidSyntaxError(e.getLocation(), e.getMessage())));
            }
            List<GraphQLError> shape = checkShape(document);
            if (!shape.isEmpty()) {
                return shape;
            }
            List<ValidationError> invalid = ParseAndValidate.validate(schema(), document);
            if (!invalid.isEmpty()) {
                return ErrorTranslator.translate(List.copyOf(invalid));
            }
            valid = new Valid(document, new ConcurrentHashMap<>(), readsSchema(document));
            validDocuments.put(query, valid);
        }
        OperationDefinition operation;
        try {
            operation = NodeUtil.getOperation(valid.document(), operationName).operationDefinition;
        } catch (UnknownOperationException e) {
            return ErrorTranslator.translate(List.of(e));
        }
        if (!operation.getVariableDefinitions().stream().allMatch(DocumentAnalyzer::cannotChangeLimits)) {
            List<GraphQLError> verdict = checkLimits(valid.document(), operationName, variables);
            return verdict == null ? List.of() : verdict;
        }
        // Depth and cost depend on the document alone here: measured once per operation (a sixth of a small
        // query's CPU otherwise), but only from variables that fit, since others leave nothing measured.
        String key = operationName == null ? "" : operationName;
        List<GraphQLError> known = valid.fixedVerdicts().get(key);
        if (known != null) {
            return known;
        }
        List<GraphQLError> verdict = checkLimits(valid.document(), operationName, variables);
        if (verdict == null) {
            return List.of();
        }
        valid.fixedVerdicts().put(key, verdict);
        return verdict;
    }

    /**
     * Whether no value of this variable can change depth or cost: page sizes are Ints ({@code first}, {@code last}),
     * list arguments multiply by their length, and {@code @skip}/{@code @include} take Booleans; IDs, strings, enums
     * and input objects (whose lists the cost does not read) cannot.
     */
    private static boolean cannotChangeLimits(VariableDefinition variable) {
        Type<?> type = variable.getType() instanceof NonNullType nonNull ? nonNull.getType() : variable.getType();
        return type instanceof TypeName name && !"Int".equals(name.getName()) && !"Boolean".equals(name.getName());
    }

    /**
     * A document that passed the checks, the limit verdicts of its operations whose variables cannot change them, and
     * whether it reads the schema, for {@link #mayIntrospect}.
     */
    private record Valid(Document document, Map<String, List<GraphQLError>> fixedVerdicts, boolean introspects) {
    }

    /**
     * Aliases and root fields, which multiply work without adding depth, and directives, each unknown one of which
     * is a validation error of its own. Counted over the whole document.
     */
    private List<GraphQLError> checkShape(Document document) {
        int[] aliases = { 0 };
        int[] directives = { 0 };
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            @SuppressWarnings("rawtypes") // graphql-java's visitor API uses the raw Node type
            public TraversalControl visitField(Field node, TraverserContext<Node> context) {
                // The traversal visits every node twice, entering and leaving.
                if (node.getAlias() != null && context.getPhase() == TraverserContext.Phase.ENTER) {
                    aliases[0]++;
                }
                return TraversalControl.CONTINUE;
            }

            @Override
            @SuppressWarnings("rawtypes")
            public TraversalControl visitDirective(Directive node, TraverserContext<Node> context) {
                if (context.getPhase() == TraverserContext.Phase.ENTER) {
                    directives[0]++;
                }
                return TraversalControl.CONTINUE;
            }
        }, document.getDefinitions());
        if (aliases[0] > limits.maxAliases()) {
            return List.of(limitError("The document uses " + aliases[0] + " aliases, more than the maximum of "
                    + limits.maxAliases(), "maxAliases"));
        }
        if (directives[0] > limits.maxDirectives()) {
            return List.of(limitError("The document uses " + directives[0] + " directives, more than the maximum of "
                    + limits.maxDirectives(), "maxDirectives"));
        }
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            int rootFields = operation.getSelectionSet().getSelections().size();
            if (rootFields > limits.maxRootFields()) {
                return List.of(limitError("The operation selects " + rootFields + " root fields, more than the maximum of "
                        + limits.maxRootFields(), "maxRootFields"));
            }
        }
        return List.of();
    }

    /** Whether the document's operation is a query, mutation or subscription; call after {@link #check}. */
    public OperationDefinition.Operation operation(String query, String operationName) {
        return NodeUtil.getOperation(parsed(query), operationName).operationDefinition.getOperation();
    }

    /** The first root field of the operation (a name from the schema, so a bounded metrics tag); call after check. */
    public String rootField(String query, String operationName) {
        return NodeUtil.getOperation(parsed(query), operationName).operationDefinition.getSelectionSet().getSelections()
                .stream().filter(Field.class::isInstance).map(field -> ((Field) field).getName()).findFirst()
                .orElse("fragment");
    }

    /** The parsed form of a document that passed {@link #check}. */
    public Document parsed(String query) {
        Valid valid = validDocuments.get(query);
        return valid != null ? valid.document() : parse(query);
    }

    /** With our token and length limits; graphql-java's static parse would use its defaults. */
    private Document parse(String query) {
        return new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                .parserOptions(parserOptions).build());
    }

    /** The limit errors of the operation, or null when variables that do not fit their types leave nothing to measure. */
    private List<GraphQLError> checkLimits(Document document, String operationName, Map<String, Object> variables) {
        QueryTraverser traverser;
        try {
            traverser = QueryTraverser.newQueryTraverser().schema(schema()).document(document)
                    .operationName(operationName).variables(variables).build();
        } catch (RuntimeException e) {
            // Variables that do not fit their types: execution reports it in the standard way and runs nothing, so
            // there is no cost to bound.
            return null;
        }
        int[] deepest = new int[2]; // other fields, introspection fields
        traverser.visitPreOrder(new QueryVisitorStub() {
            @Override
            public void visitField(QueryVisitorFieldEnvironment env) {
                int kind = isIntrospection(GraphQLTypeUtil.unwrapAll(env.getParentType()).getName(), env.getField().getName())
                        ? 1
                        : 0;
                deepest[kind] = Math.max(deepest[kind], depthOf(env));
            }
        });
        if (deepest[0] > limits.maxDepth()) {
            return List.of(limitError("Query depth " + deepest[0] + " exceeds the maximum of " + limits.maxDepth(),
                    "maxDepth"));
        }
        if (deepest[1] > limits.maxIntrospectionDepth()) {
            return List.of(limitError("Introspection depth " + deepest[1] + " exceeds the maximum of "
                    + limits.maxIntrospectionDepth(), "maxIntrospectionDepth"));
        }
        List<GraphQLError> badFaith = deepest[1] > 0 ? checkIntrospection(document, operationName, variables)
                : List.of();
        if (!badFaith.isEmpty()) {
            return badFaith;
        }
        int complexity = QueryComplexityCalculator.newCalculator().schema(schema()).document(document)
                .operationName(operationName).variables(CoercedVariables.of(variables))
                .fieldComplexityCalculator(this::fieldComplexity).build().calculate();
        if (complexity > limits.maxComplexity()) {
            return List.of(limitError("Query complexity " + complexity + " exceeds the maximum of "
                    + limits.maxComplexity(), "maxComplexity"));
        }
        return List.of();
    }

    /**
     * Whether a field reads the schema ({@code __schema}, {@code __type} and everything below them) rather than data.
     * {@code __typename} is not counted: it is a leaf of whatever object it is on.
     */
    private static boolean isIntrospection(String parentType, String field) {
        return parentType.startsWith("__") || field.equals("__schema") || field.equals("__type");
    }

    /**
     * graphql-java's good-faith rules for introspection, which its execution applies too: one {@code __schema} or
     * {@code __type}, and each of {@code __Type.fields}, {@code inputFields}, {@code interfaces} and
     * {@code possibleTypes} at most once, so an introspection query cannot walk the schema's cycles (each of them
     * multiplies the answer by a type's field count). Checked here, for operations that introspect at all, so that
     * such a query is refused like any other over a limit, before it runs.
     */
    private List<GraphQLError> checkIntrospection(Document document, String operationName,
            Map<String, Object> variables) {
        NodeUtil.GetOperationResult operation = NodeUtil.getOperation(document, operationName);
        GraphQLSchema schema = schema();
        ExecutionContext context = ExecutionContextBuilder.newExecutionContextBuilder()
                .executionId(ExecutionId.generate()).graphQLSchema(schema).document(document)
                .operationDefinition(operation.operationDefinition).fragmentsByName(operation.fragmentsByName)
                .coercedVariables(ValuesResolver.coerceVariableValues(schema,
                        operation.operationDefinition.getVariableDefinitions(), RawVariables.of(variables),
                        GraphQLContext.getDefault(), Locale.getDefault()))
                .graphQLContext(GraphQLContext.newContext().build()).locale(Locale.getDefault()).build();
        return GoodFaithIntrospection.checkIntrospection(context)
                .map(result -> ErrorTranslator.translate(result.getErrors())).orElse(List.of());
    }

    private static int depthOf(QueryVisitorFieldEnvironment env) {
        int depth = 1;
        for (QueryVisitorFieldEnvironment parent = env.getParentEnvironment(); parent != null; parent = parent
                .getParentEnvironment()) {
            depth++;
        }
        return depth;
    }

    /**
     * A field costs 1 plus its selections, multiplied by how many items it may return: the requested page size
     * for connection fields ({@code first}/{@code last}, else the default page size), the number of IDs for a list
     * argument, the default page size for any other list. Lists inside a connection ({@code edges}, {@code nodes})
     * are already counted by the connection.
     */
    private int fieldComplexity(FieldComplexityEnvironment env, int childComplexity) {
        if (isIntrospection(env.getParentType().getName(), env.getField().getName())) {
            // Lists of the schema are as long as the schema, not a page: the depth and good-faith rules bound them.
            return 1 + Math.max(childComplexity, 0);
        }
        long multiplier = 1;
        Object first = env.getArguments().get("first");
        Object last = env.getArguments().get("last");
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(env.getFieldDefinition().getType());
        String typeName = GraphQLTypeUtil.unwrapAll(type).getName();
        boolean insideConnection = env.getParentType().getName().endsWith("Connection");
        if (first != null || last != null) {
            multiplier = pageSize(first != null ? first : last);
        } else if (typeName.endsWith("Connection") && !(type instanceof GraphQLList)) {
            multiplier = page.defaultSize();
        } else if (type instanceof GraphQLList && !insideConnection) {
            multiplier = env.getArguments().values().stream().filter(List.class::isInstance)
                    .mapToLong(list -> ((List<?>) list).size()).max().orElse(page.defaultSize());
        }
        long cost = 1 + multiplier * Math.max(childComplexity, 0);
        return (int) Math.min(cost, Integer.MAX_VALUE);
    }

    /** A page size as sent; anything that is not a number is costed as the largest page the resolver allows. */
    private long pageSize(Object requested) {
        if (requested instanceof Number number) {
            return Math.max(0, Math.min(number.longValue(), Integer.MAX_VALUE));
        }
        return page.maxSize();
    }

    private static GraphQLError limitError(String message, String limit) {
        return ErrorTranslator.error(ErrorCode.BAD_USER_INPUT, message, Map.of("limit", limit));
    }

    private GraphQLSchema schema() {
        GraphQLSchema current = schema;
        if (current == null) {
            current = schema = schemaInstance.get();
        }
        return current;
    }
}
