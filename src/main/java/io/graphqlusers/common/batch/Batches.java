package io.graphqlusers.common.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.eclipse.microprofile.context.ManagedExecutor;

import graphql.execution.instrumentation.dataloader.EmptyDataLoaderRegistryInstance;
import graphql.schema.DataFetchingEnvironment;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.graphql.api.Context;

/**
 * Batched loading for fields with arguments. Each field resolver asks for one key (a user's posts); keys asked for by
 * every parent at the same level of the query reach {@code loader} together, in one call, so a page of 100 users costs
 * one query for all their posts instead of 100.
 * <p>
 * Why not SmallRye's {@code @Source List<...>} batching: with arguments it batches every call of a field together and
 * applies the arguments of the first one to all ({@code a: posts(first: 1) b: posts(first: 5)} would both get one).
 * Here each distinct {@code group} (a name plus the arguments that shape the answer) gets its own DataLoader in the
 * request's registry, which graphql-java dispatches level by level.
 * <p>
 * The direct query engine, which resolves a level of the query for all its parents itself, calls the same resolvers
 * inside {@link #collecting}: the keys of each group are gathered there instead and loaded when the level's calls
 * are done, with the same loader.
 * <p>
 * The loader runs on the worker thread that executes the request (or, when the request executes on an event loop, on
 * another worker). Loaders are service methods that read with single statements (no transaction needed) or open
 * their own.
 */
@ApplicationScoped
public class Batches {

    /** The batches the direct engine is gathering on this thread, if it is. */
    private static final ThreadLocal<Map<Group, Pending<?, ?>>> GATHERING = new ThreadLocal<>();

    private final ManagedExecutor executor;
    private final Context context;

    Batches(ManagedExecutor executor, Context context) {
        this.executor = executor;
        this.context = context;
    }

    /**
     * @param field names the batch with {@code arguments}: every call with the same field and equal arguments shares
     *        one loader call
     * @param arguments what shapes the answer besides the key (a record, compared by value), or null
     * @param loader the values for a set of keys; keys it leaves out get {@code missing}
     */
    @SuppressWarnings("unchecked")
    public <K, V> CompletionStage<V> load(String field, Object arguments, K key, Function<Set<K>, Map<K, V>> loader,
            V missing) {
        Map<Group, Pending<?, ?>> gathering = GATHERING.get();
        if (gathering != null) {
            // Compared by value: a name made of the arguments' text cost a formatted string per parent.
            return ((Pending<K, V>) gathering.computeIfAbsent(new Group(field, arguments),
                    name -> new Pending<>(loader, missing))).add(key);
        }
        // graphql-java's registry names its loaders with strings.
        String group = arguments == null ? field : field + " " + arguments;
        DataLoaderRegistry registry = context.unwrap(DataFetchingEnvironment.class).getDataLoaderRegistry();
        if (registry == EmptyDataLoaderRegistryInstance.EMPTY_DATALOADER_REGISTRY) {
            throw new IllegalStateException("No DataLoader registry for this request: SmallRye GraphQL creates one only "
                    + "when the schema has at least one @Source List batch field");
        }
        DataLoader<K, V> dataLoader = registry.computeIfAbsent(group, name -> DataLoaderFactory.<K, V> newDataLoader(
                keys -> {
                    Supplier<List<V>> batch = () -> loadAll(keys, loader, missing);
                    // HTTP requests execute on a worker thread, where the batch runs inline; elsewhere (an event
                    // loop) it must not block, so it goes to a worker.
                    return BlockingOperationControl.isBlockingAllowed() ? CompletableFuture.completedFuture(batch.get())
                            : executor.supplyAsync(batch);
                }));
        return dataLoader.load(key);
    }

    /**
     * Runs {@code calls} (resolvers of one field for every parent of a level) and then, once they are all made, loads
     * the keys they asked for: one loader call per group, as graphql-java's dispatch of a level does. The stages the
     * calls returned are complete when this returns.
     */
    public static <T> T collecting(Callable<T> calls) throws Exception {
        Map<Group, Pending<?, ?>> outer = GATHERING.get();
        Map<Group, Pending<?, ?>> gathering = new LinkedHashMap<>();
        GATHERING.set(gathering);
        T result;
        try {
            result = calls.call();
        } finally {
            // Not remove(): worker threads are pooled, and removing and adding the entry on every level is the
            // thread-local map's slowest path.
            GATHERING.set(outer);
        }
        gathering.values().forEach(Pending::dispatch);
        return result;
    }

    /**
     * What the calls of one batch share. Equality written out: a record's generated one is a method-handle chain that
     * JDK 17 at times left uncompiled, and it runs for every parent of a level.
     */
    private record Group(String field, Object arguments) {
        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Group that && field.equals(that.field)
                    && Objects.equals(arguments, that.arguments);
        }

        @Override
        public int hashCode() {
            return 31 * field.hashCode() + Objects.hashCode(arguments);
        }
    }

    /** One group's keys, in the order they were asked for, and the stages waiting for their values. */
    private static final class Pending<K, V> {
        private final Function<Set<K>, Map<K, V>> loader;
        private final V missing;
        private final List<K> keys = new ArrayList<>();
        private final List<CompletableFuture<V>> waiting = new ArrayList<>();

        Pending(Function<Set<K>, Map<K, V>> loader, V missing) {
            this.loader = loader;
            this.missing = missing;
        }

        CompletionStage<V> add(K key) {
            CompletableFuture<V> value = new CompletableFuture<>();
            keys.add(key);
            waiting.add(value);
            return value;
        }

        void dispatch() {
            List<V> values;
            try {
                values = loadAll(keys, loader, missing);
            } catch (RuntimeException e) {
                waiting.forEach(value -> value.completeExceptionally(e));
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                waiting.get(i).complete(values.get(i));
            }
        }
    }

    /**
     * One call of {@code loader} for all the keys: the values in the order of the keys, {@code missing} for keys it
     * leaves out.
     */
    private static <K, V> List<V> loadAll(List<K> keys, Function<Set<K>, Map<K, V>> loader, V missing) {
        Map<K, V> found = loader.apply(new LinkedHashSet<>(keys));
        List<V> values = new ArrayList<>(keys.size());
        for (K each : keys) {
            values.add(found.getOrDefault(each, missing));
        }
        return values;
    }
}
