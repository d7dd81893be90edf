package io.graphqlusers.common.error;

/**
 * Every value a client can see in {@code errors[].extensions.code}. Apollo's names where one exists. Codes are
 * API: add, never rename.
 */
public enum ErrorCode {
    /** The HTTP request is not a GraphQL request: body not JSON, no query, variables not an object. */
    BAD_REQUEST,
    /**
     * An automatic persisted query named by its hash is not known (yet): send the query together with the hash once.
     * Apollo's code; the message is {@code PersistedQueryNotFound}.
     */
    PERSISTED_QUERY_NOT_FOUND,
    /** The document is not valid GraphQL syntax; {@code locations} points at the offending token. */
    GRAPHQL_PARSE_FAILED,
    /** The document does not fit the schema (unknown field, wrong argument type, missing selection). */
    GRAPHQL_VALIDATION_FAILED,
    /**
     * A value the client sent is not acceptable: failed input validation ({@code extensions.field} names it),
     * a malformed ID or cursor, a page size or query limit exceeded ({@code extensions.limit} names it).
     */
    BAD_USER_INPUT,
    /** No valid credentials were sent for an operation that needs them. */
    UNAUTHENTICATED,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    /** The object the operation acts on does not exist. */
    NOT_FOUND,
    /** The change clashes with the stored state: a duplicate unique value, or a stale version. */
    CONFLICT,
    /** The client sent more requests than {@code app.rate-limit.*} allows; retry after {@code Retry-After} seconds. */
    RATE_LIMITED,
    /**
     * The request took longer than allowed: a database statement past {@code app.limits.statement-timeout-millis}, or
     * the whole execution past {@code app.limits.execution-timeout}. Retrying later may succeed.
     */
    TIMEOUT,
    /**
     * A subscription's client did not read its events fast enough: more than {@code app.subscriptions.buffer-size}
     * were waiting, so the subscription was ended rather than letting memory grow.
     */
    SLOW_SUBSCRIBER,
    /**
     * The service cannot answer now but another attempt may succeed: this replica is shutting down (reconnect, to
     * another replica), or its database is unreachable.
     */
    SERVICE_UNAVAILABLE,
    /** Anything unexpected; the message is fixed and {@code extensions.errorId} matches the server log. */
    INTERNAL_SERVER_ERROR;

    /**
     * The message of a security refusal (UNAUTHENTICATED, FORBIDDEN), the same whichever rule refused, so that it
     * tells nothing about the rule or the object.
     */
    public String refusalMessage() {
        return this == UNAUTHENTICATED ? "Authentication required" : "Not allowed";
    }
}
