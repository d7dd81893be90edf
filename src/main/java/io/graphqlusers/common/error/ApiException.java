package io.graphqlusers.common.error;

/**
 * A failure the client caused or may act on. Its message is written for clients and is returned verbatim;
 * it must never contain a rejected value, SQL or a class name.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** @param field the input field at fault, as a dotted path from the argument ({@code input.email}) */
    public ApiException(ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public static ApiException badInput(String message, String field) {
        return new ApiException(ErrorCode.BAD_USER_INPUT, message, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public static ApiException conflict(String message, String field) {
        return new ApiException(ErrorCode.CONFLICT, message, field);
    }
}
