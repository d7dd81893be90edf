package io.graphqlusers.server.execution;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.jboss.logging.Logger;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.CoercedVariables;
import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeUtil;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.graphqlusers.common.batch.Batches;
import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.server.errors.ErrorTranslator;
import io.graphqlusers.server.spi.FieldSelection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.smallrye.graphql.execution.datafetcher.AbstractDataFetcher;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.execution.datafetcher.helper.OperationInvoker;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.config.Config;
import io.smallrye.graphql.transformation.Transformer;
import io.vertx.core.buffer.Buffer;

/**
 * A second, lean engine for read-only queries: it answers the queries it fully understands and hands everything
 * else to SmallRye GraphQL (by returning null). Profiling showed SmallRye and graphql-java spending most of a nested
 * page's CPU per field (a context object, selected-field lists and a path string for every property read, futures and
 * instrumentation for every value), on a query that needs two SQL statements. Here a level of the query is resolved
 * for all its parent objects at once and the answer is written straight to JSON.
 * <p>
 * It is the same schema, the same documents (already parsed, validated and limited by the HTTP transport), the same
 * field collection ({@code @skip}/{@code @include}, fragments, aliases merged by graphql-java's own
 * {@link FieldCollector}), the same argument and variable coercion ({@link ValuesResolver}), the same property
 * accessors, output transformations and scalar serialisation as SmallRye's. Nothing is declared for it: its resolvers
 * are derived at start from the model SmallRye builds from the {@code @GraphQLApi} classes, and call the same bean
 * methods (through their interceptors, so the same security annotations), with the arguments converted by SmallRye's
 * own {@link ArgumentHelper} and the results by its {@link FieldHelper}. What a resolver selects it asks
 * {@link FieldSelection}, and what it batches {@link Batches}, which answer for either engine.
 * <p>
 * What it does not do, it does not attempt: a query goes to SmallRye when it has a union type, an introspection
 * field, a directive other than {@code @skip}/{@code @include}, a resolver SmallRye runs asynchronously or with its
 * context, or a resolver that throws (an error, a rule that says no, a null where the schema says
 * non-null). Errors, with their paths and partial data, are therefore always SmallRye's. Reads have no side effects,
 * so the worst case of that hand-over is work done twice.
 */
@ApplicationScoped
public class DirectExecutor {

    private static final Logger LOG = Logger.getLogger(DirectExecutor.class);
    private static final long FAILURE_LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);
    private static final Object ROOT = new Object();
    /** How deep below a field {@link FieldSelection#includesAny} looks: {@code edges/node/x}. */
    private static final int SELECTION_DEPTH = 3;
    private static final Resolver TYPENAME = (sources, call) -> {
        throw new IllegalStateException("__typename is answered by the executor");
    };

    private final boolean enabled;
    private final Instance<GraphQLSchema> schemaInstance;
    private final Instance<Schema> modelInstance;
    private final FieldCollector collector = new FieldCollector();
    /** What is known of each document; by document identity (the analyzer caches them). */
    private final Map<Document, Plan> plans = Collections.synchronizedMap(new WeakHashMap<>());
    private final Counter direct;
    private final Map<HandOver, Counter> handedOver = new EnumMap<>(HandOver.class);
    private final Tracer tracer;
    private volatile Model model;
    /** Numbers this engine's executions, as SmallRye numbers its own, for the operation span. */
    private final AtomicLong executions = new AtomicLong();
    /** When a failure of a direct resolver was last logged: at most one line per interval, whatever the rate. */
    private final AtomicLong failureLoggedAt = new AtomicLong(System.nanoTime() - FAILURE_LOG_INTERVAL);

    DirectExecutor(AppConfig config, Instance<GraphQLSchema> schema, Instance<Schema> model, Instance<Tracer> tracer) {
        this.enabled = config.execution().direct();
        // A no-op tracer unless tracing is switched on (quarkus.otel.sdk.disabled=false).
        this.tracer = tracer.isResolvable() ? tracer.get() : OpenTelemetry.noop().getTracer("graphql-users");
        this.schemaInstance = schema;
        this.modelInstance = model;
        this.direct = engineCounter("direct", "none");
        for (HandOver reason : HandOver.values()) {
            handedOver.put(reason, engineCounter("smallrye", reason.tag()));
        }
        Gauge.builder("graphql_users_direct_execution_enabled", this,
                executor -> executor.enabled && executor.model() != null ? 1 : 0)
                .description("1 while the direct engine answers the queries it supports, 0 when it is off "
                        + "(configured off, or switched off at start: see the WARN line)")
                .register(Metrics.globalRegistry);
    }

    private static Counter engineCounter(String engine, String reason) {
        return Counter.builder("graphql_users_query_engine").description("Queries over HTTP by the engine that answered "
                + "them: direct (the lean read path) or smallrye, with the reason the direct engine handed them over")
                .tag("engine", engine).tag("reason", reason).register(Metrics.globalRegistry);
    }

    /** Reads the schema at start, so that an engine that cannot work says so then, not at the first query. */
    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            model();
        }
    }

    /**
     * @return the complete response body ({@code {"data":...}}, UTF-8), or null when SmallRye must execute the request
     */
    public Buffer execute(Document document, String operationName, Map<String, Object> variables) {
        Model current = enabled ? model() : null;
        if (current == null) {
            return handOver(HandOver.DISABLED);
        }
        NodeUtil.GetOperationResult operation = NodeUtil.getOperation(document, operationName);
        OperationDefinition definition = operation.operationDefinition;
        if (definition.getOperation() != OperationDefinition.Operation.QUERY) {
            return handOver(HandOver.OPERATION);
        }
        Plan plan = plans.computeIfAbsent(document, current::plan);
        if (plan.handOver != null) {
            return handOver(plan.handOver);
        }
        // The span SmallRye's tracing would open for the operation, so a trace looks the same whichever engine ran.
        Span span = tracer.spanBuilder(operationName == null ? "GraphQL" : "GraphQL:" + operationName)
                .setAttribute("graphql.operationType", "QUERY")
                .setAttribute("graphql.operationName", operationName == null ? "" : operationName)
                .setAttribute("graphql.executionId", "direct-" + executions.getAndIncrement()).startSpan();
        Scope scope = span.makeCurrent();
        // SmallRye leaves its last data fetch's context on the worker thread; no resolver here may read it as ours.
        SmallRyeContextManager.clearCurrentSmallRyeContext();
        try {
            GraphQLContext context = GraphQLContext.newContext().build();
            CoercedVariables coerced = ValuesResolver.coerceVariableValues(current.schema,
                    definition.getVariableDefinitions(), RawVariables.of(variables), context, Locale.getDefault());
            Execution execution = new Execution(current, plan, operation.fragmentsByName, coerced, context);
            Map<String, Object> data = new LinkedHashMap<>();
            GraphQLObjectType query = current.schema.getQueryType();
            SelectionSet root = definition.getSelectionSet();
            execution.level(query, plan.fields(root, query,
                    () -> collector.collectFields(execution.parameters(query), root)), List.of(ROOT), List.of(data));
            Buffer answer = json(data);
            direct.increment();
            return answer;
        } catch (Unsupported e) {
            LOG.debugf("Handed to SmallRye: %s", e.getMessage());
            return handOver(e.reason());
        } catch (Exception e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            // SmallRye runs it again and reports the error in the standard shape, with path and partial data.
            // graphql-java's own exceptions that are GraphQL errors (variables that do not fit their types) are the
            // client's, as are those the translator gives a code of their own.
            if (cause instanceof Unsupported unsupported) {
                return handOver(unsupported.reason());
            }
            if (!Arc.container().requestContext().isActive()) {
                // The client went away mid-request and Quarkus ended the request under the resolvers: no defect.
                LOG.debugf(cause, "A request ended while the direct engine ran it");
                return handOver(HandOver.ABANDONED);
            }
            if (cause instanceof GraphQLError || ErrorTranslator.isExpected(cause)) {
                LOG.debugf(cause, "Handed to SmallRye after a resolver said no");
                return handOver(HandOver.ERROR);
            }
            logFailure(cause);
            return handOver(HandOver.FAILURE);
        } finally {
            scope.close();
            span.end();
        }
    }

    private Buffer handOver(HandOver reason) {
        handedOver.get(reason).increment();
        return null;
    }

    /**
     * A direct resolver failed where SmallRye's run of the same query will most likely fail too (and log it with an
     * error id): worth a WARN, since the two engines may disagree, but not one per request under load.
     */
    private void logFailure(Throwable e) {
        long now = System.nanoTime();
        long last = failureLoggedAt.get();
        if (now - last >= FAILURE_LOG_INTERVAL && failureLoggedAt.compareAndSet(last, now)) {
            LOG.warnf(e, "A direct resolver failed; SmallRye runs the query instead (at most one such line per %d s; "
                    + "graphql_users_query_engine_total{reason=\"failure\"} counts them all)",
                    TimeUnit.NANOSECONDS.toSeconds(FAILURE_LOG_INTERVAL));
        }
    }

    private Model model() {
        Model current = model;
        if (current == null) {
            synchronized (this) {
                current = model;
                if (current == null) {
                    current = model = Model.build(schemaInstance.get(), modelInstance.get());
                }
            }
        }
        return current.usable ? current : null;
    }

    /** Resolves the fields of one level for all its parents together. */
    @FunctionalInterface
    private interface Resolver {
        List<?> resolve(List<Object> sources, FieldCall call) throws Exception;
    }

    /**
     * The method SmallRye's invoker resolves for an operation, called on the bean its lookup finds: the contextual
     * instance, so through the bean's interceptors (security, validation). SmallRye looks the bean up on every call,
     * which for {@code User.email} on a page of 100 users was 100 bean-manager lookups; here it is looked up once,
     * unless the bean is {@code @Dependent} (a new instance per call, then destroyed, as SmallRye does).
     */
    private static final class BeanMethod {
        private final Class<?> beanClass;
        private final Calls.Invoker method;
        private final boolean dependent;
        private volatile Object bean;

        BeanMethod(Operation operation) throws ReflectiveOperationException {
            Method resolved = new OperationInvoker(operation).getMethod();
            this.beanClass = ClassloadingService.get().loadClass(operation.getClassName());
            this.method = Calls.invoker(resolved);
            // The bean's scope, read without creating (or destroying) an instance.
            BeanManager beans = Arc.container().beanManager();
            Bean<?> declared = beans.resolve(beans.getBeans(beanClass));
            if (declared == null) {
                throw new IllegalStateException("No bean of " + beanClass.getName());
            }
            this.dependent = declared.getScope() == Dependent.class;
        }

        Object invoke(Object[] arguments) throws Exception {
            if (dependent) {
                try (InstanceHandle<?> handle = Arc.container().instance(beanClass)) {
                    return call(handle.get(), arguments);
                }
            }
            Object current = bean;
            if (current == null) {
                current = bean = Arc.container().instance(beanClass).get();
            }
            return call(current, arguments);
        }

        private Object call(Object target, Object[] arguments) throws Exception {
            try {
                return method.invoke(target, arguments);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** This query (or this part of it) is for SmallRye to execute. Thrown before anything is written. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final HandOver reason;

        Unsupported(HandOver reason, String what) {
            super(what, null, false, false);
            this.reason = reason;
        }

        HandOver reason() {
            return reason;
        }
    }

    /**
     * What one document needs from this engine besides its variables: whether it can answer it, and the document's
     * field collections (which fields each selection selects, fragments and aliases merged) once computed. graphql-java
     * collected them anew on every request, and collecting was the biggest method the JIT compiled on a nested page's
     * path. They are kept only when no {@code @skip}/{@code @include} of the document depends on a variable, and live
     * as long as the document (a few per field and type, bounded by the document's own size).
     */
    private static final class Plan {
        private static final Map<HandOver, Plan> UNSUPPORTED = new EnumMap<>(HandOver.class);
        static {
            for (HandOver reason : HandOver.values()) {
                UNSUPPORTED.put(reason, new Plan(reason, false));
            }
        }

        /** Why SmallRye must answer the document, or null when this engine can. */
        final HandOver handOver;
        private final Map<FieldsKey, MergedSelectionSet> fields;
        private final Map<FieldsKey, Set<String>> paths;

        private Plan(HandOver handOver, boolean keep) {
            this.handOver = handOver;
            this.fields = keep ? new ConcurrentHashMap<>() : null;
            this.paths = keep ? new ConcurrentHashMap<>() : null;
        }

        /** The fields a selection (a SelectionSet or a MergedField) selects on a type. */
        MergedSelectionSet fields(Object selection, GraphQLObjectType type, Supplier<MergedSelectionSet> collect) {
            return kept(fields, new FieldsKey(selection, type), collect);
        }

        /** The paths below a field of the given definition, see {@link FieldCall#selected}. */
        Set<String> paths(MergedField field, GraphQLFieldDefinition definition, Supplier<Set<String>> walk) {
            return kept(paths, new FieldsKey(field, definition), walk);
        }

        /** Computed once when the plan keeps its collections (a race computes twice, harmlessly), else every time. */
        private static <V> V kept(Map<FieldsKey, V> known, FieldsKey key, Supplier<V> compute) {
            if (known == null) {
                return compute.get();
            }
            V value = known.get(key);
            if (value == null) {
                value = compute.get();
                known.putIfAbsent(key, value);
            }
            return value;
        }

        /** Whether a {@code @skip} or {@code @include} of the document takes its condition from a variable. */
        static boolean conditionsVary(Document document) {
            boolean[] found = { false };
            new NodeTraverser().depthFirst(new NodeVisitorStub() {
                @Override
                @SuppressWarnings("rawtypes") // graphql-java's visitor API uses the raw Node type
                public TraversalControl visitDirective(Directive node, TraverserContext<Node> context) {
                    if ((node.getName().equals("skip") || node.getName().equals("include")) && node.getArguments()
                            .stream().anyMatch(argument -> argument.getValue() instanceof VariableReference)) {
                        found[0] = true;
                        return TraversalControl.QUIT;
                    }
                    return TraversalControl.CONTINUE;
                }
            }, document);
            return found[0];
        }
    }

    /**
     * A selection (a SelectionSet, or a MergedField, which compares its Field nodes, themselves compared by identity)
     * on a type or under a field definition.
     */
    private record FieldsKey(Object selection, Object type) {
        // Written out, as Batches' group: looked up for every field of every level.
        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof FieldsKey that && selection.equals(that.selection)
                    && type.equals(that.type);
        }

        @Override
        public int hashCode() {
            return 31 * selection.hashCode() + type.hashCode();
        }
    }

    /** The schema and a resolver for every field this engine can answer. */
    private static final class Model {
        final GraphQLSchema schema;
        final Map<FieldCoordinates, Resolver> resolvers;
        /** The object types, by the name of the Java class SmallRye made each of. */
        final Map<String, GraphQLObjectType> objectTypes;
        final boolean usable;

        private Model(GraphQLSchema schema, Map<FieldCoordinates, Resolver> resolvers,
                Map<String, GraphQLObjectType> objectTypes, boolean usable) {
            this.schema = schema;
            this.resolvers = resolvers;
            this.objectTypes = objectTypes;
            this.usable = usable;
        }

        static Model build(GraphQLSchema schema, Schema model) {
            Map<FieldCoordinates, Resolver> resolvers = new HashMap<>();
            if (Config.get().isExcludeNullFieldsInResponses()) {
                LOG.warn("Direct query execution is off: SmallRye is configured to leave null fields out "
                        + "(quarkus.smallrye-graphql.exclude-null-fields-in-responses), which it does not do");
                return new Model(schema, resolvers, Map.of(), false);
            }
            int fields = 0;
            try {
                for (GraphQLType type : schema.getAllTypesAsList()) {
                    if (type instanceof GraphQLObjectType object && !object.getName().startsWith("__")
                            && object != schema.getMutationType() && object != schema.getSubscriptionType()) {
                        for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                            fields++;
                            FieldCoordinates coordinates = FieldCoordinates.coordinates(object, field);
                            Resolver resolver = resolver(schema, model, object, field.getName(),
                                    schema.getCodeRegistry().getDataFetcher(coordinates, field));
                            if (resolver != null) {
                                resolvers.put(coordinates, resolver);
                            }
                        }
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // A SmallRye upgrade changed what we read: every query then takes SmallRye's path, as it did before.
                LOG.warnf(e, "Direct query execution is off: SmallRye's schema model could not be read");
                return new Model(schema, resolvers, Map.of(), false);
            }
            Map<String, GraphQLObjectType> objectTypes = new HashMap<>();
            model.getTypes().values().forEach(type -> {
                if (!type.isInterface() && schema.getType(type.getName()) instanceof GraphQLObjectType object) {
                    objectTypes.put(type.getClassName(), object);
                }
            });
            LOG.debugf("The direct engine resolves %d of the %d fields of the query's types", resolvers.size(), fields);
            return new Model(schema, Map.copyOf(resolvers), Map.copyOf(objectTypes), true);
        }

        /**
         * A resolver for the field as SmallRye's model declares it, or null when the engine leaves the field to
         * SmallRye. Which kind of field it is, is what SmallRye decided: the data fetcher it registered.
         */
        private static Resolver resolver(GraphQLSchema schema, Schema model, GraphQLObjectType object, String field,
                DataFetcher<?> fetcher) throws ReflectiveOperationException {
            Type type = model.getTypes().get(object.getName());
            if (fetcher instanceof FieldDataFetcher<?>) {
                return type == null || !type.hasField(field) ? null : property(type, type.getFields().get(field));
            }
            if (fetcher instanceof BatchDataFetcher<?>) {
                return type == null || !type.hasBatchOperation(field) ? null
                        : batch(type.getBatchOperations().get(field));
            }
            if (fetcher instanceof AbstractDataFetcher<?, ?>) {
                if (object == schema.getQueryType()) {
                    for (Operation query : model.getQueries()) {
                        if (query.getName().equals(field)) {
                            return operation(query);
                        }
                    }
                    return null;
                }
                return type == null || !type.hasOperation(field) ? null : operation(type.getOperations().get(field));
            }
            return null;
        }

        /**
         * A field SmallRye resolves by calling a method of a {@code @GraphQLApi} bean (a root field, or one with
         * {@code @Source}): the same method, through the same invoker (the CDI bean, so its interceptors), with the
         * arguments SmallRye's helper converts (once per field: they are the same for every parent) and the result
         * transformed as SmallRye transforms it. A method returning a stage gets its batches loaded once all the
         * level's calls are made ({@link Batches#collecting}).
         */
        private static Resolver operation(Operation operation) throws ReflectiveOperationException {
            if (!directlyCallable(operation)) {
                return null;
            }
            boolean staged = operation.hasWrapper()
                    && (operation.getWrapper().getWrapperClassName().equals(CompletionStage.class.getName())
                            || operation.getWrapper().getWrapperClassName()
                                    .equals(java.util.concurrent.CompletableFuture.class.getName()));
            BeanMethod invoker = new BeanMethod(operation);
            ArgumentHelper arguments = new ArgumentHelper(operation.getArguments());
            FieldHelper results = transforms(operation) ? new FieldHelper(operation) : null;
            int source = sourceIndex(operation);
            // A field whose only parameter is its source (User.email) has no arguments to convert, so it needs no
            // environment; building one per level was graphql-java's whole builder for nothing.
            boolean sourceOnly = results == null && operation.getArguments().size() == (source >= 0 ? 1 : 0);
            return (sources, call) -> {
                DataFetchingEnvironment environment = sourceOnly ? null : call.environment();
                Object[] given = sourceOnly ? new Object[source + 1]
                        : withSource(arguments.getArguments(environment, true), source);
                List<Object> values = FieldSelection.resolving(call, () -> Batches.collecting(() -> {
                    List<Object> returned = new ArrayList<>(sources.size());
                    for (Object each : sources) {
                        Object[] one = given;
                        if (source >= 0) {
                            one = given.clone();
                            one[source] = each;
                        }
                        returned.add(invoker.invoke(one));
                    }
                    return returned;
                }));
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (staged && value != null) {
                        var future = ((CompletionStage<?>) value).toCompletableFuture();
                        if (!future.isDone()) {
                            throw new Unsupported(HandOver.VALUE, "a stage that is not complete: " + operation);
                        }
                        value = future.join();
                    }
                    values.set(i, results == null ? value : results.transformOrAdaptResponse(value, environment));
                }
                return values;
            };
        }

        /**
         * A field SmallRye resolves for a list of parents ({@code @Source List<...>}), one call per level: the method
         * gets the distinct parents, as SmallRye's DataLoader passes them, and each parent its value.
         */
        private static Resolver batch(Operation operation) throws ReflectiveOperationException {
            // A List of values, one per parent, not a stage of one; SmallRye does not transform a batch's values.
            if (!directlyCallable(operation) || !operation.hasWrapper() || !operation.getWrapper().isCollection()
                    || transforms(operation)) {
                return null;
            }
            BeanMethod invoker = new BeanMethod(operation);
            ArgumentHelper arguments = new ArgumentHelper(operation.getArguments());
            return (sources, call) -> {
                List<Object> keys = new ArrayList<>(new java.util.LinkedHashSet<>(sources));
                List<Object> given = new ArrayList<>(arguments.getArguments(call.environment(), true));
                given.add(0, keys);
                List<?> values = (List<?>) FieldSelection.resolving(call, () -> invoker.invoke(given.toArray()));
                if (values == null || values.size() != keys.size()) {
                    throw new IllegalStateException(operation + " gave " + (values == null ? 0 : values.size())
                            + " values for " + keys.size() + " parents");
                }
                if (keys.size() == sources.size()) {
                    return values;
                }
                Map<Object, Object> byKey = new HashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    byKey.put(keys.get(i), values.get(i));
                }
                List<Object> all = new ArrayList<>(sources.size());
                sources.forEach(each -> all.add(byKey.get(each)));
                return all;
            };
        }

        /** Not a method returning a stream or a Uni (SmallRye subscribes to those), nor one taking its context. */
        private static boolean directlyCallable(Operation operation) {
            if (operation.hasWrapper()) {
                String wrapper = operation.getWrapper().getWrapperClassName();
                if (wrapper.equals("io.smallrye.mutiny.Uni") || wrapper.equals("io.smallrye.mutiny.Multi")
                        || wrapper.equals("org.reactivestreams.Publisher")) {
                    return false;
                }
            }
            for (var argument : operation.getArguments()) {
                if (argument.getReference().getClassName().equals(Context.class.getName())) {
                    return false;
                }
            }
            return true;
        }

        /** Whether SmallRye would change the method's result before graphql-java sees it: an adapter, a scalar's class. */
        private static boolean transforms(io.smallrye.graphql.schema.model.Field field) {
            return field.isAdaptingWith() || field.getReference().isAdaptingWith() || field.isAdaptingTo()
                    || field.getReference().isAdaptingTo() || (field.hasWrapper() && field.getWrapper().isMap())
                    || (field.getReference().getType() == ReferenceType.SCALAR
                            && !field.getReference().getClassName().equals(field.getReference().getGraphQLClassName()));
        }

        /** Where the {@code @Source} parameter is, or -1 (a root field). */
        private static int sourceIndex(Operation operation) {
            List<io.smallrye.graphql.schema.model.Argument> all = operation.getArguments();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).isSourceArgument()) {
                    return i;
                }
            }
            return -1;
        }

        /** The converted arguments in the method's order, with a free slot at {@code index} for the source, if any. */
        private static Object[] withSource(List<Object> given, int index) {
            if (index < 0) {
                return given.toArray();
            }
            Object[] all = new Object[given.size() + 1];
            int j = 0;
            for (Object each : given) { // a LinkedList: read in order, not by index
                if (j == index) {
                    j++;
                }
                all[j++] = each;
            }
            return all;
        }

        /**
         * A plain property, read the way SmallRye's property fetcher reads it: the same accessor and the same output
         * transformation (dates, numbers). Null for properties with an adapter or a map, which stay SmallRye's.
         */
        private static Resolver property(Type owner, io.smallrye.graphql.schema.model.Field field)
                throws ReflectiveOperationException {
            if (field.isAdaptingWith() || field.getReference().isAdaptingWith() || field.isAdaptingTo()
                    || field.getReference().isAdaptingTo() || (field.hasWrapper() && field.getWrapper().isMap())) {
                return null;
            }
            boolean transforms = field.getReference().getType() == ReferenceType.SCALAR
                    && !field.getReference().getClassName().equals(field.getReference().getGraphQLClassName());
            if (transforms && field.hasWrapper()) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Transformer<Object, Object> transformer = transforms ? Transformer.transformer(field) : null;
            Class<?> type = ClassloadingService.get().loadClass(owner.getClassName());
            Function<Object, Object> accessor = Calls.accessor(field.getMethodName() == null
                    ? type.getField(field.getPropertyName())
                    : type.getMethod(field.getMethodName()));
            return (sources, call) -> {
                List<Object> values = new ArrayList<>(sources.size());
                for (Object source : sources) {
                    Object value = accessor.apply(source);
                    values.add(transformer == null || value == null ? value : transformer.out(value));
                }
                return values;
            };
        }

        Plan plan(Document document) {
            Map<String, FragmentDefinition> fragments = new HashMap<>();
            document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
            for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                if (operation.getOperation() == OperationDefinition.Operation.QUERY) {
                    HandOver reason = handOver(schema.getQueryType(), operation.getSelectionSet(), fragments);
                    if (reason != null) {
                        return Plan.UNSUPPORTED.get(reason);
                    }
                }
            }
            return new Plan(null, !Plan.conditionsVary(document));
        }

        /** Why SmallRye must answer this selection, or null when this engine can. */
        private HandOver handOver(GraphQLObjectType type, SelectionSet selections,
                Map<String, FragmentDefinition> fragments) {
            for (Selection<?> selection : selections.getSelections()) {
                HandOver reason;
                if (selection instanceof Field field) {
                    reason = !conditionalOnly(field.getDirectives()) ? HandOver.DIRECTIVE : handOver(type, field, fragments);
                } else if (selection instanceof InlineFragment inline) {
                    // A fragment on another type is left out by the field collection, on this type as on graphql-java's.
                    reason = !conditionalOnly(inline.getDirectives()) ? HandOver.DIRECTIVE
                            : inline.getTypeCondition() != null && !appliesTo(inline.getTypeCondition().getName(), type)
                                    ? null
                                    : handOver(type, inline.getSelectionSet(), fragments);
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    reason = fragment == null ? HandOver.SELECTION
                            : !conditionalOnly(spread.getDirectives()) || !conditionalOnly(fragment.getDirectives())
                                    ? HandOver.DIRECTIVE
                                    : !appliesTo(fragment.getTypeCondition().getName(), type) ? null
                                            : handOver(type, fragment.getSelectionSet(), fragments);
                } else {
                    reason = HandOver.SELECTION;
                }
                if (reason != null) {
                    return reason;
                }
            }
            return null;
        }

        private HandOver handOver(GraphQLObjectType type, Field field, Map<String, FragmentDefinition> fragments) {
            if (field.getName().equals("__typename")) {
                return null;
            }
            GraphQLFieldDefinition definition = type.getField(field.getName());
            if (definition == null || !resolvers.containsKey(FieldCoordinates.coordinates(type, definition))) {
                return HandOver.SELECTION;
            }
            GraphQLType result = GraphQLTypeUtil.unwrapAll(definition.getType());
            if (field.getSelectionSet() == null || field.getSelectionSet().getSelections().isEmpty()) {
                return result instanceof GraphQLObjectType || result instanceof GraphQLInterfaceType ? HandOver.SELECTION
                        : null;
            }
            if (result instanceof GraphQLObjectType object) {
                return handOver(object, field.getSelectionSet(), fragments);
            }
            if (!(result instanceof GraphQLInterfaceType face)) {
                return HandOver.SELECTION; // a union
            }
            // Whichever type each object turns out to be, the selection must be answerable on it.
            for (GraphQLObjectType implementation : schema.getImplementations(face)) {
                HandOver reason = objectTypes.containsValue(implementation)
                        ? handOver(implementation, field.getSelectionSet(), fragments)
                        : HandOver.SELECTION;
                if (reason != null) {
                    return reason;
                }
            }
            return null;
        }

        /** Whether a fragment's type condition holds for objects of {@code type}: the type, or an interface of it. */
        private static boolean appliesTo(String condition, GraphQLObjectType type) {
            if (condition.equals(type.getName())) {
                return true;
            }
            return type.getInterfaces().stream().anyMatch(face -> face.getName().equals(condition));
        }

        /** The object type of a value of an interface type, as SmallRye's type resolver finds it: by its class. */
        GraphQLObjectType objectTypeOf(Object value) {
            GraphQLObjectType type = objectTypes.get(value.getClass().getName());
            if (type == null) {
                throw new Unsupported(HandOver.VALUE, "no object type for " + value.getClass().getName());
            }
            return type;
        }

        private static boolean conditionalOnly(List<Directive> directives) {
            for (Directive directive : directives) {
                if (!directive.getName().equals("skip") && !directive.getName().equals("include")) {
                    return false;
                }
            }
            return true;
        }

        Resolver resolver(GraphQLObjectType type, String field) {
            if (field.equals("__typename")) {
                return TYPENAME;
            }
            Resolver resolver = resolvers.get(FieldCoordinates.coordinates(type.getName(), field));
            if (resolver == null) {
                throw new Unsupported(HandOver.SELECTION, type.getName() + "." + field);
            }
            return resolver;
        }
    }

    /** One request: the parents of each level, the values of each field, the answer as maps and lists. */
    private final class Execution {
        private final Model model;
        private final Plan plan;
        private final Map<String, FragmentDefinition> fragments;
        private final CoercedVariables variables;
        private final GraphQLContext context;

        Execution(Model model, Plan plan, Map<String, FragmentDefinition> fragments, CoercedVariables variables,
                GraphQLContext context) {
            this.model = model;
            this.plan = plan;
            this.fragments = fragments;
            this.variables = variables;
            this.context = context;
        }

        FieldCollectorParameters parameters(GraphQLObjectType type) {
            return FieldCollectorParameters.newParameters().schema(model.schema).objectType(type).fragments(fragments)
                    .variables(variables.toMap()).graphQLContext(context).build();
        }

        /** The fields selected below {@code field} on {@code type}: graphql-java's collection, kept by the plan. */
        MergedSelectionSet fields(GraphQLObjectType type, MergedField field) {
            return plan.fields(field, type, () -> collector.collectFields(parameters(type), field));
        }

        void level(GraphQLObjectType type, MergedSelectionSet fields, List<Object> sources,
                List<Map<String, Object>> targets) throws Exception {
            for (MergedField field : fields.getSubFieldsList()) {
                Resolver resolver = model.resolver(type, field.getName());
                if (resolver == TYPENAME) {
                    targets.forEach(target -> target.put(field.getResultKey(), type.getName()));
                    continue;
                }
                GraphQLFieldDefinition definition = type.getField(field.getName());
                List<?> values = resolver.resolve(sources, new FieldCall(this, definition, field));
                if (values.size() != sources.size()) {
                    throw new IllegalStateException(type.getName() + "." + field.getName() + " gave " + values.size()
                            + " values for " + sources.size() + " parents");
                }
                List<Object> children = new ArrayList<>();
                List<Map<String, Object>> childTargets = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    targets.get(i).put(field.getResultKey(),
                            complete(definition.getType(), values.get(i), children, childTargets));
                }
                if (children.isEmpty()) {
                    continue;
                }
                GraphQLType result = GraphQLTypeUtil.unwrapAll(definition.getType());
                if (result instanceof GraphQLObjectType object) {
                    level(object, fields(object, field), children, childTargets);
                } else {
                    // An interface: each object goes to the level of its own type, in the order they came.
                    Map<GraphQLObjectType, List<Object>> byType = new LinkedHashMap<>();
                    Map<GraphQLObjectType, List<Map<String, Object>>> targetsByType = new HashMap<>();
                    for (int i = 0; i < children.size(); i++) {
                        GraphQLObjectType object = model.objectTypeOf(children.get(i));
                        byType.computeIfAbsent(object, any -> new ArrayList<>()).add(children.get(i));
                        targetsByType.computeIfAbsent(object, any -> new ArrayList<>()).add(childTargets.get(i));
                    }
                    for (Map.Entry<GraphQLObjectType, List<Object>> group : byType.entrySet()) {
                        level(group.getKey(), fields(group.getKey(), field), group.getValue(),
                                targetsByType.get(group.getKey()));
                    }
                }
            }
        }

        /** The value as it goes into the answer; objects become maps filled in by the next level. */
        private Object complete(GraphQLOutputType type, Object value, List<Object> children,
                List<Map<String, Object>> childTargets) {
            if (type instanceof GraphQLNonNull nonNull) {
                if (value == null) {
                    // graphql-java would report it and null the parent: SmallRye's to answer.
                    throw new Unsupported(HandOver.VALUE, "null for a non-null field");
                }
                return complete((GraphQLOutputType) nonNull.getWrappedType(), value, children, childTargets);
            }
            if (value == null) {
                return null;
            }
            if (type instanceof GraphQLList list) {
                if (!(value instanceof Collection<?> items)) {
                    throw new Unsupported(HandOver.VALUE, "a list that is not a Collection");
                }
                List<Object> completed = new ArrayList<>(items.size());
                for (Object item : items) {
                    completed.add(complete((GraphQLOutputType) list.getWrappedType(), item, children, childTargets));
                }
                return completed;
            }
            if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType) {
                Map<String, Object> object = new LinkedHashMap<>();
                children.add(value);
                childTargets.add(object);
                return object;
            }
            if (type instanceof GraphQLScalarType scalar) {
                return scalar.getCoercing().serialize(value, context, Locale.getDefault());
            }
            if (type instanceof GraphQLEnumType enumeration) {
                return enumeration.serialize(value, context, Locale.getDefault());
            }
            throw new Unsupported(HandOver.SELECTION, "type " + GraphQLTypeUtil.simplePrint(type));
        }
    }

    /** One field of one level, as its resolver sees it: its arguments and its selection. */
    private final class FieldCall implements FieldSelection.View {
        private final Execution execution;
        private final GraphQLFieldDefinition definition;
        private final MergedField field;
        private Map<String, Object> arguments;
        private Set<String> selected;
        private Map<String, Set<String>> fieldsAt;
        private Map<List<String>, Boolean> includes;
        private Map<String, Map<Set<String>, Boolean>> showsOnly;

        FieldCall(Execution execution, GraphQLFieldDefinition definition, MergedField field) {
            this.execution = execution;
            this.definition = definition;
            this.field = field;
        }

        /**
         * What SmallRye's argument and result helpers read of graphql-java's environment: the field's coerced
         * arguments (variables substituted, defaults applied) and the request's context.
         */
        DataFetchingEnvironment environment() {
            return DataFetchingEnvironmentImpl.newDataFetchingEnvironment().arguments(arguments())
                    .graphQLContext(execution.context).graphQLSchema(execution.model.schema).fieldDefinition(definition)
                    .mergedField(field).locale(Locale.getDefault()).build();
        }

        private Map<String, Object> arguments() {
            if (arguments == null) {
                arguments = definition.getArguments().isEmpty() ? Map.of()
                        : ValuesResolver.getArgumentValues(execution.model.schema.getCodeRegistry(),
                                definition.getArguments(), field.getArguments(), execution.variables, execution.context,
                                Locale.getDefault());
            }
            return arguments;
        }

        /**
         * Answered once per field and level: a resolver called for each of a page's parents asks the same questions
         * for each (a page of 20 users asked for their posts' columns 80 times).
         */
        @Override
        public Set<String> fieldsAt(String path) {
            if (fieldsAt == null) {
                fieldsAt = new HashMap<>(4);
            }
            return fieldsAt.computeIfAbsent(path, key -> {
                String prefix = key.isEmpty() ? "" : key + "/";
                Set<String> names = new HashSet<>();
                for (String selectedPath : selected()) {
                    if (selectedPath.startsWith(prefix) && selectedPath.indexOf('/', prefix.length()) < 0
                            && !selectedPath.startsWith("__", prefix.length())) {
                        names.add(selectedPath.substring(prefix.length()));
                    }
                }
                return names;
            });
        }

        @Override
        public boolean showsOnly(String path, Set<String> fields) {
            if (showsOnly == null) {
                showsOnly = new HashMap<>(4);
            }
            // By identity: resolvers pass their constant sets, and comparing those by value costs what it saves.
            return showsOnly.computeIfAbsent(path, any -> new IdentityHashMap<>(4)).computeIfAbsent(fields,
                    any -> fields.containsAll(fieldsAt(path)));
        }

        @Override
        public boolean includesAny(List<String> paths) {
            if (includes == null) {
                includes = new IdentityHashMap<>(4);
            }
            Boolean known = includes.get(paths);
            if (known == null) {
                Set<String> selected = selected();
                known = paths.stream().anyMatch(selected::contains);
                includes.put(paths, known);
            }
            return known;
        }

        /**
         * The paths selected under this field, to {@link #SELECTION_DEPTH} levels, in one walk: resolvers ask about a
         * dozen of them per page (which columns to read), and walking the selection for each was 2 % of a nested
         * page's CPU.
         */
        private Set<String> selected() {
            if (selected == null) {
                selected = execution.plan.paths(field, definition, () -> {
                    Set<String> paths = new HashSet<>();
                    collect(GraphQLTypeUtil.unwrapAll(definition.getType()), field, "", 1, paths);
                    return Set.copyOf(paths);
                });
            }
            return selected;
        }

        private void collect(GraphQLType type, MergedField current, String prefix, int depth, Set<String> paths) {
            if (!(type instanceof GraphQLObjectType object)) {
                return;
            }
            for (MergedField sub : execution.fields(object, current).getSubFieldsList()) {
                String path = prefix + sub.getName();
                paths.add(path);
                GraphQLFieldDefinition subDefinition = object.getField(sub.getName()); // null for __typename
                if (depth < SELECTION_DEPTH && subDefinition != null) {
                    collect(GraphQLTypeUtil.unwrapAll(subDefinition.getType()), sub, path + "/", depth + 1, paths);
                }
            }
        }
    }

    /**
     * The answer, as SmallRye's ExecutionResponse writes it (its JSON-P provider's escaping, the same number types).
     */
    private static Buffer json(Map<String, Object> data) {
        JsonBytes out = JsonBytes.ofThisThread();
        try {
            out.ascii("{\"data\":");
            write(out, data);
            out.ascii('}');
            return Buffer.buffer(out.size()).appendBytes(out.array(), 0, out.size());
        } finally {
            out.release();
        }
    }

    private static void write(JsonBytes out, Object value) {
        if (value == null) {
            out.ascii("null");
        } else if (value instanceof Map<?, ?> map) {
            out.ascii('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.ascii(',');
                }
                first = false;
                out.string((String) entry.getKey());
                out.ascii(':');
                write(out, entry.getValue());
            }
            out.ascii('}');
        } else if (value instanceof List<?> list) {
            out.ascii('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.ascii(',');
                }
                first = false;
                write(out, item);
            }
            out.ascii(']');
        } else if (value instanceof String string) {
            out.string(string);
        } else if (value instanceof Boolean bool) {
            out.ascii(bool ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof Long
                || value instanceof BigDecimal || value instanceof BigInteger) {
            out.ascii(value.toString());
        } else if (value instanceof Enum<?> enumeration) {
            out.string(enumeration.name());
        } else {
            // Floats and anything else SmallRye would hand to JSON-B: not worth a second implementation.
            throw new Unsupported(HandOver.VALUE, "a " + value.getClass().getName() + " in the answer");
        }
    }
}
