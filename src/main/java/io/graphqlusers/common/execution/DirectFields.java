package io.graphqlusers.common.execution;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A feature package's resolvers for {@link DirectExecutor}: the fields of its GraphQL API that are methods rather than
 * properties, each delegating to the same API or service method that SmallRye calls, so both engines share one
 * implementation of every rule. Fields not registered here (and not plain properties) make a query take SmallRye's
 * path.
 */
public interface DirectFields {

    void register(Registry registry);

    /**
     * Each field comes with the arguments its resolver converts. A query that gives the field any other argument (an
     * input object, or one added to the schema after the resolver was written) goes to SmallRye before the resolver
     * runs: an argument is never ignored.
     */
    interface Registry {

        /** A field resolved once per parent object, e.g. a root field or a per-object rule. */
        <S> void field(String type, String field, Set<String> arguments, FieldResolver<S> resolver);

        /** A field resolved for every parent object of one level at once: one statement for a whole page. */
        <S> void batch(String type, String field, Set<String> arguments, BatchResolver<S> resolver);
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

        /** An argument the field was registered with, coerced (variables substituted, defaults applied), or null. */
        Object value(String name);

        /**
         * Whether the selection of this field includes any of these paths: field names (not aliases) joined by
         * {@code /}, at most three deep ({@code edges/node/title}).
         */
        boolean selectsAny(List<String> paths);

        /** The argument, which must be absent, null or of this type. */
        default <T> T argument(String name, Class<T> type) {
            Object value = value(name);
            if (value != null && !type.isInstance(value)) {
                throw new Unsupported(HandOver.ARGUMENT, "argument " + name + " is a " + value.getClass().getName());
            }
            return type.cast(value);
        }
    }

    /**
     * Why a query went to SmallRye: the {@code reason} of {@code graphql_users_query_engine_total{engine="smallrye"}},
     * so an operator can tell a query the direct engine was never meant to answer from one it failed on.
     */
    enum HandOver {
        /** Direct execution is off: {@code app.execution.direct=false}, or it switched itself off at start. */
        DISABLED,
        /** A mutation or a subscription. */
        OPERATION,
        /** A field or fragment with no direct resolver: introspection, an interface, a field nobody registered. */
        SELECTION,
        /** A directive other than {@code @skip} and {@code @include}. */
        DIRECTIVE,
        /** An argument the engine does not convert (input objects), or one of an unexpected type. */
        ARGUMENT,
        /** A resolver said no (bad input, a rule, an unavailable database): SmallRye reports it with its path. */
        ERROR,
        /** A null where the schema says non-null, or a value the engine does not write: SmallRye's to answer. */
        VALUE,
        /** An unexpected exception in a direct resolver (a defect): logged at WARN, then SmallRye runs the query. */
        FAILURE;

        /** The metrics tag. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** This query (or this part of it) is for SmallRye to execute. Thrown before anything is written. */
    final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final HandOver reason;

        public Unsupported(HandOver reason, String what) {
            super(what, null, false, false);
            this.reason = reason;
        }

        public HandOver reason() {
            return reason;
        }
    }
}
