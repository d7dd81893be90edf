package io.graphqlusers.common.batch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The loader runs on the worker thread that executes the request (or, when the request executes on an event loop, on
 * another worker). Loaders are service methods that read with single statements (no transaction needed) or open
 * their own.
 */
@ApplicationScoped
public class Batches {

    private final ManagedExecutor executor;

    Batches(ManagedExecutor executor) {
        this.executor = executor;
    }

    /**
     * @param group names the batch: every call with an equal group shares one loader call
     * @param loader the values for a set of keys; keys it leaves out get {@code missing}
     */
    public <K, V> CompletionStage<V> load(DataFetchingEnvironment env, String group, K key,
            Function<Set<K>, Map<K, V>> loader, V missing) {
        DataLoaderRegistry registry = env.getDataLoaderRegistry();
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
     * One call of {@code loader} for all the keys: the values in the order of the keys, {@code missing} for keys it
     * leaves out. Also the batch step of the direct query engine.
     */
    public static <K, V> List<V> loadAll(List<K> keys, Function<Set<K>, Map<K, V>> loader, V missing) {
        Map<K, V> found = loader.apply(new LinkedHashSet<>(keys));
        List<V> values = new ArrayList<>(keys.size());
        for (K each : keys) {
            values.add(found.getOrDefault(each, missing));
        }
        return values;
    }
}
