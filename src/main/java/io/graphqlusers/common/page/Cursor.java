package io.graphqlusers.common.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.graphqlusers.common.error.ApiException;

/**
 * A position in an ordered list: the sort key and the id of one row. Encoded as opaque base64url text that
 * also names the list and the order it belongs to, so a cursor of another connection or another order is
 * rejected instead of silently jumping to an unrelated position.
 *
 * @param scope the connection, for example {@code users}
 * @param order the ordering, for example {@code NAME:ASC}
 * @param key the sort key of the row, as text
 * @param id the row id, the tie-breaker
 */
public record Cursor(String scope, String order, String key, long id) {

    private static final String VERSION = "c1";
    private static final char SEPARATOR = '|';

    public String encode() {
        String plain = VERSION + SEPARATOR + scope + SEPARATOR + order + SEPARATOR + id + SEPARATOR + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param argument the GraphQL argument the cursor came in, named in the error
     * @throws ApiException BAD_USER_INPUT when the text is not a cursor of this scope and order
     */
    public static Cursor decode(String encoded, String scope, String order, String argument) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(argument);
        }
        // The key is last and may itself contain the separator.
        String[] parts = plain.split("\\|", 5);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !scope.equals(parts[1])) {
            throw invalid(argument);
        }
        if (!order.equals(parts[2])) {
            throw ApiException.badInput("Cursor `" + argument + "` belongs to another order (" + parts[2]
                    + "); start again without a cursor", argument);
        }
        try {
            return new Cursor(scope, order, parts[4], Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            throw invalid(argument);
        }
    }

    private static ApiException invalid(String argument) {
        return ApiException.badInput("Invalid cursor in `" + argument + "`", argument);
    }
}
