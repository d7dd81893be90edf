package io.graphqlusers.server.execution;

import java.util.Locale;

/**
 * Why a query went to SmallRye: the {@code reason} of {@code graphql_users_query_engine_total{engine="smallrye"}}, so
 * an operator can tell a query the direct engine was never meant to answer from one it failed on.
 */
enum HandOver {
    /** Direct execution is off: {@code app.execution.direct=false}, or it switched itself off at start. */
    DISABLED,
    /** A mutation or a subscription. */
    OPERATION,
    /**
     * A field the engine does not resolve: introspection, a union, a resolver SmallRye runs asynchronously (Uni,
     * Multi) or with its context as a parameter.
     */
    SELECTION,
    /** A directive other than {@code @skip} and {@code @include}. */
    DIRECTIVE,
    /** A resolver said no (bad input, a rule, an unavailable database): SmallRye reports it with its path. */
    ERROR,
    /** A null where the schema says non-null, or a value the engine does not write: SmallRye's to answer. */
    VALUE,
    /** An unexpected exception in a direct resolver (a defect): logged at WARN, then SmallRye runs the query. */
    FAILURE,
    /** The request ended while the engine ran it (the client closed its connection): nobody reads the answer. */
    ABANDONED;

    /** The metrics tag. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
