package io.graphqlusers.common.execution;

import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import io.smallrye.graphql.api.Context;

/**
 * What the query selects below the field being resolved, whichever engine resolves it: how a resolver decides which
 * columns to read. SmallRye's view is graphql-java's selection set; the direct engine's is its own, computed once per
 * document ({@link DirectExecutor}). Both answer for the same paths, so a resolver has one rule for both.
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

    /** A field's selection as the direct engine sees it. */
    interface View {
        boolean includesAny(List<String> paths);
    }

    /** Runs a resolver of the direct engine with {@code field} as the field being resolved. */
    static <T> T resolving(View field, Callable<T> resolver) throws Exception {
        View outer = DIRECT.get();
        DIRECT.set(field);
        try {
            return resolver.call();
        } finally {
            if (outer == null) {
                DIRECT.remove();
            } else {
                DIRECT.set(outer);
            }
        }
    }
}
