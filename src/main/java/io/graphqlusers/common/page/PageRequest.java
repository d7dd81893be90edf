package io.graphqlusers.common.page;

import io.graphqlusers.common.config.AppConfig;
import io.graphqlusers.common.error.ApiException;

/**
 * The validated {@code first/after/last/before} arguments of a connection field. Paging is by keyset: the
 * query asks for rows beyond {@code after} and before {@code before} in the connection's order, one more than
 * the page size to learn whether another page follows.
 *
 * @param size rows to return
 * @param backward true for {@code last}: the page ends at {@code before} (or the end of the list)
 */
public record PageRequest(int size, boolean backward, Cursor after, Cursor before) {

    public static PageRequest of(Integer first, String after, Integer last, String before, String scope, String order,
            AppConfig.Page limits) {
        if (first != null && last != null) {
            throw ApiException.badInput("Pass either `first` or `last`, not both", "last");
        }
        int size = first != null ? checkSize(first, "first", limits)
                : last != null ? checkSize(last, "last", limits) : limits.defaultSize();
        return new PageRequest(size, last != null,
                after == null ? null : Cursor.decode(after, scope, order, "after"),
                before == null ? null : Cursor.decode(before, scope, order, "before"));
    }

    private static int checkSize(int requested, String argument, AppConfig.Page limits) {
        if (requested < 0 || requested > limits.maxSize()) {
            throw ApiException.badInput("`" + argument + "` must be between 0 and " + limits.maxSize(), argument);
        }
        return requested;
    }
}
