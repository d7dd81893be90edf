package io.graphqlusers.common.page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One page of a connection, built from the rows a keyset query returned: up to {@code size + 1} of them, in
 * the query's direction. Every connection type is assembled from this, so paging rules live in one place.
 *
 * @param items the page, in the connection's order
 * @param cursors the cursor of each item
 */
public record Page<T>(List<T> items, List<String> cursors, PageInfo pageInfo) {

    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, Cursor> cursorOf) {
        boolean more = fetched.size() > request.size();
        List<T> items = new ArrayList<>(more ? fetched.subList(0, request.size()) : fetched);
        if (request.backward()) {
            Collections.reverse(items);
        }
        List<String> cursors = new ArrayList<>(items.size());
        for (T item : items) {
            cursors.add(cursorOf.apply(item).encode());
        }
        boolean hasNext = request.backward() ? request.before() != null : more;
        boolean hasPrevious = request.backward() ? more : request.after() != null;
        PageInfo info = new PageInfo(hasNext, hasPrevious,
                cursors.isEmpty() ? null : cursors.get(0),
                cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
        return new Page<>(items, cursors, info);
    }

    /** One edge per item, in order, from its cursor and the item. */
    public <E> List<E> edges(BiFunction<String, T, E> edge) {
        List<E> edges = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            edges.add(edge.apply(cursors.get(i), items.get(i)));
        }
        return edges;
    }

    /** Rows to ask the database for: one more than the page, to learn whether another page follows. */
    public static int fetchSize(PageRequest request) {
        return request.size() + 1;
    }
}
