package io.graphqlusers.common.execution;

import java.util.List;
import java.util.Map;

/**
 * A feature package's resolvers for {@link DirectExecutor}: the fields of its GraphQL API that are methods rather than
 * properties, each delegating to the same API or service method that SmallRye calls, so both engines share one
 * implementation of every rule. Fields not registered here (and not plain properties) make a query take SmallRye's
 * path.
 */
public interface DirectFields {

    void register(Registry registry);

    interface Registry {

        /** A field resolved once per parent object, e.g. a root field or a per-object rule. */
        <S> void field(String type, String field, FieldResolver<S> resolver);

        /** A field resolved for every parent object of one level at once: one statement for a whole page. */
        <S> void batch(String type, String field, BatchResolver<S> resolver);
    }

    @FunctionalInterface
    interface FieldResolver<S> {
        Object resolve(S source, Call call) throws Exception;
    }

    @FunctionalInterface
    interface BatchResolver<S> {
        /** @return one value per source, in the same order */
        List<?> resolve(List<S> sources, Call call) throws Exception;
    }

    /** One field of the query as a resolver sees it. */
    interface Call {

        /** The field's arguments, coerced (variables substituted, defaults applied); absent ones are left out. */
        Map<String, Object> arguments();

        /**
         * Whether the selection of this field includes any of these paths: field names (not aliases) joined by
         * {@code /}, at most three deep ({@code edges/node/title}).
         */
        boolean selectsAny(List<String> paths);

        /** The argument, which must be absent, null or of this type. */
        default <T> T argument(String name, Class<T> type) {
            Object value = arguments().get(name);
            if (value != null && !type.isInstance(value)) {
                throw new Unsupported("argument " + name + " is a " + value.getClass().getName());
            }
            return type.cast(value);
        }

        /** Arguments this engine does not convert (input objects): given, they send the query to SmallRye. */
        default void requireAbsent(String... names) {
            for (String name : names) {
                if (arguments().get(name) != null) {
                    throw new Unsupported("argument " + name);
                }
            }
        }
    }

    /** This query (or this part of it) is for SmallRye to execute. Thrown before anything is written. */
    final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unsupported(String what) {
            super(what, null, false, false);
        }
    }
}
