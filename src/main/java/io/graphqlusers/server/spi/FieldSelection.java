package io.graphqlusers.server.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import io.graphqlusers.server.execution.DirectExecutor;
import io.smallrye.graphql.api.Context;

/**
 * What the query selects below the field being resolved, whichever engine resolves it: how a resolver decides which
 * columns to read. SmallRye's view is graphql-java's selection set; the direct engine's is its own, computed once per
 * document ({@link DirectExecutor}). Both answer for the same paths, so a resolver has one rule for both.
 * <p>
 * A resolver that leaves columns unread should name what it serves without them ({@link #showsOnly},
 * {@link #nodesShowOnly}), not what needs them: a field added later is then read until someone says otherwise.
 */
@ApplicationScoped
public class FieldSelection {

    /** The field the direct engine is resolving on this thread, if it is. */
    private static final ThreadLocal<View> DIRECT = new ThreadLocal<>();

    private final Context context;

    FieldSelection(Context context) {
        this.context = context;
    }

    /**
     * Whether the field's selection includes any of these paths: field names (not aliases) joined by {@code /}, at
     * most three deep below the field ({@code edges/node/title}), fragments and {@code @skip}/{@code @include}
     * applied.
     */
    public boolean includesAny(List<String> paths) {
        View direct = DIRECT.get();
        if (direct != null) {
            return direct.includesAny(paths);
        }
        DataFetchingFieldSelectionSet selection = context.unwrap(DataFetchingEnvironment.class).getSelectionSet();
        for (String path : paths) {
            if (selection.contains(path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the field's own selection shows no field outside {@code fields} (introspection fields aside). */
    public boolean showsOnly(Set<String> fields) {
        return showsOnlyAt("", fields);
    }

    /**
     * Whether the nodes of this connection field, under {@code nodes} and under {@code edges/node}, show no field
     * outside {@code fields} (introspection fields aside).
     */
    public boolean nodesShowOnly(Set<String> fields) {
        return showsOnlyAt("nodes", fields) && showsOnlyAt("edges/node", fields);
    }

    private boolean showsOnlyAt(String path, Set<String> fields) {
        View direct = DIRECT.get();
        return direct != null ? direct.showsOnly(path, fields) : fields.containsAll(fieldsAt(path));
    }

    /** The names of the fields selected at {@code path} ("" for the field's own selection), at most two deep. */
    private Set<String> fieldsAt(String path) {
        View direct = DIRECT.get();
        if (direct != null) {
            return direct.fieldsAt(path);
        }
        Set<String> names = new HashSet<>();
        List<SelectedField> fields = context.unwrap(DataFetchingEnvironment.class).getSelectionSet()
                .getFields(path.isEmpty() ? "*" : path + "/*");
        for (SelectedField field : fields) {
            if (!field.getName().startsWith("__")) {
                names.add(field.getName());
            }
        }
        return names;
    }

    /** A field's selection as the direct engine sees it. */
    public interface View {
        boolean includesAny(List<String> paths);

        /** See {@link FieldSelection#fieldsAt}. */
        Set<String> fieldsAt(String path);

        /** Whether the fields selected at {@code path} are all among {@code fields}, a constant set. */
        boolean showsOnly(String path, Set<String> fields);
    }

    /** Runs a resolver of the direct engine with {@code field} as the field being resolved. */
    public static <T> T resolving(View field, Callable<T> resolver) throws Exception {
        View outer = DIRECT.get();
        DIRECT.set(field);
        try {
            return resolver.call();
        } finally {
            // Not remove(): worker threads are pooled, and removing and adding the entry on every level is the
            // thread-local map's slowest path.
            DIRECT.set(outer);
        }
    }
}
