package io.graphqlusers.common.page;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import io.graphqlusers.common.error.ApiException;

/**
 * The WHERE and ORDER BY of a keyset page, as SQL fragments with named parameters (see
 * {@link io.graphqlusers.common.persistence.SqlReader}): rows strictly between the
 * {@code after} and {@code before} cursors in the order {@code (key, id)}, read in the page's direction. With an index
 * on {@code (key, id)} this is an index range scan whatever the page number, unlike OFFSET.
 *
 * @param key the sort column, for example {@code name}
 * @param id the id column, the tie-breaker
 * @param direction the connection's order
 * @param keyOf turns a cursor's key text into the value to compare with (argument name for errors)
 */
public record Keyset(String key, String id, OrderDirection direction, BiFunction<Cursor, String, Object> keyOf) {

    /** Adds the cursor bounds of {@code page} to {@code where}. */
    public void restrict(Conditions where, PageRequest page) {
        String ascending = direction == OrderDirection.ASC ? ">" : "<";
        String descending = direction == OrderDirection.ASC ? "<" : ">";
        if (page.after() != null) {
            where.add("(" + key + ", " + id + ") " + ascending + " (:afterKey, :afterId)")
                    .param("afterKey", keyOf.apply(page.after(), "after")).param("afterId", page.after().id());
        }
        if (page.before() != null) {
            where.add("(" + key + ", " + id + ") " + descending + " (:beforeKey, :beforeId)")
                    .param("beforeKey", keyOf.apply(page.before(), "before")).param("beforeId", page.before().id());
        }
    }

    /** {@code ORDER BY} for reading {@code page}: reversed when paging backwards ({@code last}). */
    public String orderBy(PageRequest page) {
        String sort = (direction == OrderDirection.ASC) != page.backward() ? " asc" : " desc";
        return " order by " + key + sort + ", " + id + sort;
    }

    /** The key of a cursor of a timestamp order, for {@code keyOf}. */
    public static Object instantKey(Cursor cursor, String argument) {
        try {
            return Instant.parse(cursor.key());
        } catch (DateTimeParseException e) {
            throw ApiException.badInput("Invalid cursor in `" + argument + "`", argument);
        }
    }

    /** A WHERE clause built from parts, with its named parameters. */
    public static final class Conditions {
        private final StringBuilder sql = new StringBuilder();
        private final Map<String, Object> params = new HashMap<>();

        public Conditions add(String condition) {
            sql.append(sql.isEmpty() ? " where " : " and ").append(condition);
            return this;
        }

        public Conditions param(String name, Object value) {
            params.put(name, value);
            return this;
        }

        public String clause() {
            return sql.toString();
        }

        public Map<String, Object> params() {
            return params;
        }

        /** A LIKE pattern matching {@code text} anywhere, with {@code %}, {@code _} and {@code \} taken literally. */
        public static String containsPattern(String text) {
            return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        }
    }
}
