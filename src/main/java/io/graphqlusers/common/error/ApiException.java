package io.graphqlusers.common.error;

import java.util.Map;

/**
 * A failure the client caused or may act on. Its message is written for clients and is returned verbatim;
 * it must never contain a rejected value, SQL or a class name.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;
    private final Map<String, Object> extensions;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** @param field the input field at fault, as a dotted path from the argument ({@code input.email}) */
    public ApiException(ErrorCode code, String message, String field) {
        this(code, message, field, Map.of());
    }

    private ApiException(ErrorCode code, String message, String field, Map<String, Object> extensions) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.extensions = extensions;
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** Entries for {@code extensions} besides {@code code} and {@code field}. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** RATE_LIMITED, with {@code extensions.retryAfter} in seconds as HTTP's Retry-After would say it. */
    public static ApiException rateLimited(String message, long retryAfterSeconds) {
        return new ApiException(ErrorCode.RATE_LIMITED, message, null, Map.of("retryAfter", retryAfterSeconds));
    }

    public static ApiException badInput(String message, String field) {
        return new ApiException(ErrorCode.BAD_USER_INPUT, message, field);
    }

    /** BAD_USER_INPUT for a value that breaks a constraint, worded as every constraint violation is reported. */
    public static ApiException violated(String field, String constraintMessage) {
        return badInput(field + ": " + constraintMessage, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public static ApiException conflict(String message, String field) {
        return new ApiException(ErrorCode.CONFLICT, message, field);
    }
}
