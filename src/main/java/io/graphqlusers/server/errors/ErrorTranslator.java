package io.graphqlusers.server.errors;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.transaction.xa.XAException;

import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.RollbackException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.InvalidSyntaxError;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.UnknownOperationException;
import graphql.introspection.GoodFaithIntrospection;
import graphql.language.SourceLocation;
import graphql.schema.CoercingParseValueException;
import graphql.validation.ValidationError;
import io.graphqlusers.common.error.ApiException;
import io.graphqlusers.common.error.ArgumentConstraints;
import io.graphqlusers.common.error.ErrorCode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.graphql.validation.BeanValidationError;

/**
 * The one place that decides what a client sees of a failure. Every GraphQL error leaving the service passes
 * through {@link #translate}, which rebuilds it with exactly our extension keys: {@code code} (an
 * {@link ErrorCode}), and where they apply {@code field}, {@code limit} and {@code errorId}. Whatever SmallRye or
 * graphql-java attached (exception class names, raw constraint violations echoing the rejected value) is
 * dropped. Unexpected exceptions are logged with their stack trace under an error id the client also gets.
 */
public final class ErrorTranslator {

    private static final Logger LOG = Logger.getLogger(ErrorTranslator.class);
    private static final long UNAVAILABLE_LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);

    private static final String INTERNAL_MESSAGE = "Internal server error";
    private static final Pattern ARGUMENT_REJECTED = Pattern.compile(
            "argument '([^']+)' with value .* is not a valid '([^']+)'",
            Pattern.DOTALL);

    private ErrorTranslator() {
    }

    /** Errors found before execution: syntax, document validation, limits, transport. */
    public static List<GraphQLError> translate(List<GraphQLError> errors) {
        return translate(errors, false);
    }

    /**
     * Errors of an execution result. The document was validated before it ran, so a validation error here is
     * SmallRye rejecting an argument value it could not convert (a string for an Int, say): bad input.
     */
    public static List<GraphQLError> translateResult(List<GraphQLError> errors) {
        return translate(errors, true);
    }

    private static List<GraphQLError> translate(List<GraphQLError> errors, boolean executed) {
        List<GraphQLError> translated = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            if (executed && error instanceof ValidationError) {
                translated.add(argumentRejected(error));
            } else if (!isConsequence(error, errors)) {
                translateOne(error, translated);
            }
        }
        return translated;
    }

    /**
     * A non-null field that failed is also reported by graphql-java as "wrongly returned a null value"; the first
     * error already says why, so the echo is dropped. Alone, it is a real defect and stays (as an internal error).
     */
    private static boolean isConsequence(GraphQLError error, List<GraphQLError> all) {
        return error.getErrorType() == ErrorType.NullValueInNonNullableField && all.stream()
                .anyMatch(other -> other != error
                        && (other.getPath() == null || Objects.equals(other.getPath(), error.getPath())));
    }

    /** An error of ours, raised before execution (transport, parsing, limits). */
    public static GraphQLError error(ErrorCode code, String message, Map<String, Object> details) {
        return new ClientError(message, null, null, extensions(code, details));
    }

    private static void translateOne(GraphQLError error, List<GraphQLError> out) {
        if (error instanceof BeanValidationError) {
            violations(error, out);
        } else if (error instanceof ExceptionWhileDataFetching fetching) {
            out.add(fromException(error, fetching.getException()));
        } else if (error instanceof InvalidSyntaxError) {
            out.add(rebuild(error, ErrorCode.GRAPHQL_PARSE_FAILED, error.getMessage(), Map.of()));
        } else if (error instanceof ValidationError || error instanceof UnknownOperationException) {
            out.add(rebuild(error, ErrorCode.GRAPHQL_VALIDATION_FAILED, error.getMessage(), Map.of()));
        } else if (error instanceof CoercingParseValueException
                || error instanceof NonNullableValueCoercedAsNullException
                || error.getErrorType() == ErrorType.ValidationError) {
            // Variables that do not fit their declared types: the document is fine, the values are not.
            out.add(rebuild(error, ErrorCode.BAD_USER_INPUT, error.getMessage(), Map.of()));
        } else if (error.getErrorType() == ErrorType.ExecutionAborted) {
            out.add(aborted(error));
        } else if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            // An introspection query that walks the schema's cycles (DocumentAnalyzer checks first; execution again).
            out.add(rebuild(error, ErrorCode.BAD_USER_INPUT, error.getMessage(), Map.of("limit", "introspection")));
        } else if (error instanceof ClientError) {
            out.add(error);
        } else {
            out.add(internal(error, null));
        }
    }

    private static GraphQLError fromException(GraphQLError error, Throwable thrown) {
        Verdict verdict = verdict(thrown);
        if (verdict == null) {
            return internal(error, thrown);
        }
        // A detail comes only with a database failure; an ApiException's SERVICE_UNAVAILABLE (a full hashing queue) is
        // the service refusing on purpose, not news for the log.
        if (verdict.code() == ErrorCode.SERVICE_UNAVAILABLE && verdict.detail() != null) {
            logUnavailable(verdict.detail());
        }
        return rebuild(error, verdict.code(), verdict.message(), verdict.details());
    }

    /**
     * Whether a client gets a code of its own for this exception (bad input, a rule that says no, a conflict, an
     * unavailable database) rather than INTERNAL_SERVER_ERROR: the same decision {@link #translateResult} makes.
     */
    public static boolean isExpected(Throwable thrown) {
        return verdict(thrown) != null;
    }

    /** What a client is told of an exception; {@code detail} is for the log only. */
    private record Verdict(ErrorCode code, String message, Map<String, Object> details, String detail) {

        Verdict(ErrorCode code, String message, Map<String, Object> details) {
            this(code, message, details, null);
        }
    }

    /** @return the client's share of an exception, or null when it is unexpected (a defect) */
    private static Verdict verdict(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof ApiException api) {
            Map<String, Object> extensions = new LinkedHashMap<>(api.extensions());
            if (api.field() != null) {
                extensions.put("field", api.field());
            }
            return new Verdict(api.code(), api.getMessage(), extensions);
        }
        if (cause instanceof ConstraintViolationException violations && !violations.getConstraintViolations().isEmpty()) {
            ConstraintViolation<?> first = violations.getConstraintViolations().iterator().next();
            return verdict(ApiException.violated(ArgumentConstraints.fieldOf(first.getPropertyPath()),
                    first.getMessage()));
        }
        SQLException sql = find(thrown, SQLException.class);
        if (sql != null && "57014".equals(sql.getSQLState())) {
            // PostgreSQL cancelled the statement, which here means statement_timeout.
            return new Verdict(ErrorCode.TIMEOUT, "The request took too long and was cancelled", Map.of());
        }
        if (sql != null && databaseUnavailable(sql)) {
            return unavailable(sql.getMessage());
        }
        if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
            return new Verdict(ErrorCode.CONFLICT, "The object was changed by another request; read it again and retry",
                    Map.of());
        }
        ErrorCode code = securityCode(cause);
        if (code != null) {
            return new Verdict(code, code.refusalMessage(), Map.of());
        }
        if (find(thrown, RollbackException.class) != null || find(thrown, XAException.class) != null) {
            // The work was done but the commit failed and was rolled back: the database went away in between (its
            // error, when the transaction manager keeps one, was handled above). Nothing was changed; retry.
            return unavailable("a transaction could not commit: " + thrown);
        }
        return null;
    }

    private static ErrorCode securityCode(Throwable cause) {
        if (cause instanceof UnauthorizedException || cause instanceof AuthenticationFailedException) {
            return ErrorCode.UNAUTHENTICATED;
        }
        return cause instanceof ForbiddenException ? ErrorCode.FORBIDDEN : null;
    }

    private static final AtomicLong UNAVAILABLE_LOGGED_AT = new AtomicLong(System.nanoTime() - UNAVAILABLE_LOG_INTERVAL);

    private static Verdict unavailable(String detail) {
        return new Verdict(ErrorCode.SERVICE_UNAVAILABLE, "The database is unavailable; retry shortly", Map.of(), detail);
    }

    /** One line per ten seconds of outage, not one per failed request: an outage under load would flood the log. */
    private static void logUnavailable(String detail) {
        long now = System.nanoTime();
        long last = UNAVAILABLE_LOGGED_AT.get();
        if (now - last >= UNAVAILABLE_LOG_INTERVAL && UNAVAILABLE_LOGGED_AT.compareAndSet(last, now)) {
            LOG.warnf("Database unavailable (%s); requests get SERVICE_UNAVAILABLE until it is back", detail);
        }
    }

    /**
     * The first exception of this type among the causes and suppressed exceptions, if any: a failed commit arrives as
     * the transaction manager's RollbackException, with the resource's errors as suppressed exceptions of it.
     */
    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        ArrayDeque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.add(thrown);
        while (!pending.isEmpty() && seen.size() < 32) {
            Throwable current = pending.poll();
            if (!seen.add(current)) {
                continue;
            }
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() != null) {
                pending.add(current.getCause());
            }
            pending.addAll(List.of(current.getSuppressed()));
        }
        return null;
    }

    /**
     * No connection could be had or kept: SQLSTATE class 08 (connection exception), 57P01-57P03 (PostgreSQL shutting
     * down, restarting, not yet accepting), or the pool's acquisition timeout (Agroal sets no SQLSTATE on it).
     */
    private static boolean databaseUnavailable(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
            return state.startsWith("08") || state.startsWith("57P");
        }
        return sql.getMessage() != null && sql.getMessage().startsWith("Sorry, acquisition timeout");
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof ApiException || current instanceof ConstraintViolationException
                    || current instanceof OptimisticLockException || current instanceof StaleStateException
                    || securityCode(current) != null) {
                return current;
            }
            if (current.getCause() == null || current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    private static void violations(GraphQLError error, List<GraphQLError> out) {
        Object raw = error.getExtensions() == null ? null : error.getExtensions().get("violations");
        if (!(raw instanceof List<?> violations) || violations.isEmpty()) {
            out.add(rebuild(error, ErrorCode.BAD_USER_INPUT, "Invalid input", Map.of()));
            return;
        }
        // Sorted by field, so the same input always gives the same errors in the same order.
        List<Map<?, ?>> sorted = new ArrayList<>();
        violations.forEach(item -> sorted.add((Map<?, ?>) item));
        sorted.sort(Comparator.comparing(violation -> String.valueOf(violation.get("propertyPath"))));
        for (Map<?, ?> violation : sorted) {
            List<?> propertyPath = (List<?>) violation.get("propertyPath");
            // The first element is the Java method name, which clients do not know; the rest is the argument path.
            List<String> names = new ArrayList<>();
            for (int i = 1; i < propertyPath.size(); i++) {
                names.add(String.valueOf(propertyPath.get(i)));
            }
            String field = String.join(".", names);
            out.add(rebuild(error, ErrorCode.BAD_USER_INPUT, field + ": " + violation.get("message"),
                    Map.of("field", field)));
        }
    }

    /**
     * SmallRye reports an argument value it cannot convert as a validation error with the rejected value in the
     * message; the message is rebuilt without the value.
     */
    private static GraphQLError argumentRejected(GraphQLError error) {
        Matcher matcher = ARGUMENT_REJECTED.matcher(String.valueOf(error.getMessage()));
        if (matcher.matches()) {
            return rebuild(error, ErrorCode.BAD_USER_INPUT,
                    "`" + matcher.group(1) + "` is not a valid " + matcher.group(2), Map.of("field", matcher.group(1)));
        }
        return rebuild(error, ErrorCode.BAD_USER_INPUT, "Invalid argument value", Map.of());
    }

    private static GraphQLError aborted(GraphQLError error) {
        String message = error.getMessage() == null ? "Query aborted" : error.getMessage();
        String limit = message.contains("depth") ? "maxDepth" : message.contains("complexity") ? "maxComplexity" : null;
        return rebuild(error, ErrorCode.BAD_USER_INPUT, message, limit == null ? Map.of() : Map.of("limit", limit));
    }

    /** An error of ours about one root field, with its location and path. */
    public static GraphQLError fieldError(ErrorCode code, String message, SourceLocation location, String field) {
        return new ClientError(message, location == null ? null : List.of(location), List.of(field),
                extensions(code, Map.of()));
    }

    /**
     * For a request still executing when {@code app.limits.execution-timeout} ran out: answered now, its work left to
     * finish or fail on its own (what it changed may still commit). {@code retryAfter} (seconds) is HTTP's Retry-After
     * header, for WebSocket clients too.
     */
    public static GraphQLError abandoned() {
        return error(ErrorCode.TIMEOUT, "The request took too long and was abandoned", Map.of("retryAfter", 1));
    }

    /**
     * For an execution that failed instead of returning a result: graphql-java throws some request errors (an
     * unknown operation name), which are translated like returned ones; anything else is unexpected.
     */
    public static GraphQLError failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof GraphQLError error) {
            return translateResult(List.of(error)).get(0);
        }
        return unexpected(failure);
    }

    /** For a failure outside GraphQL execution: logged with its stack trace, answered with an error id only. */
    public static GraphQLError unexpected(Throwable thrown) {
        String errorId = errorId();
        LOG.errorf(thrown, "Unexpected error %s", errorId);
        return error(ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE, Map.of("errorId", errorId));
    }

    /** The request's id when there is one (see RequestIds), so the error leads to every log line of its request. */
    private static String errorId() {
        Object requestId = MDC.get("requestId");
        return requestId != null ? requestId.toString() : UUID.randomUUID().toString();
    }

    private static GraphQLError internal(GraphQLError error, Throwable thrown) {
        String errorId = errorId();
        ErrorClassification type = error.getErrorType();
        if (thrown != null) {
            LOG.errorf(thrown, "Unexpected error %s at %s", errorId, error.getPath());
        } else {
            LOG.errorf("Unexpected error %s at %s (%s): %s", errorId, error.getPath(), type, error.getMessage());
        }
        return rebuild(error, ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE, Map.of("errorId", errorId));
    }

    private static GraphQLError rebuild(GraphQLError error, ErrorCode code, String message, Map<String, Object> details) {
        return new ClientError(message, error.getLocations(), error.getPath(), extensions(code, details));
    }

    private static Map<String, Object> extensions(ErrorCode code, Map<String, Object> details) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(details);
        return extensions;
    }
}
