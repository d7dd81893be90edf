package io.graphqlusers.common.page;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One page of a connection, built from the rows a keyset query returned: up to {@code size + 1} of them, in the
 * query's direction. Every connection type is assembled from this, so paging rules live in one place.
 * <p>
 * Cursors are encoded when first asked for (an edge's {@code cursor}, {@code pageInfo}'s start or end): most nested
 * queries select only nodes, and formatting and encoding a cursor per row was a third of such a query's allocation.
 */
public final class Page<T> {

    /** The selection paths of a connection that read cursors, which are built from the rows' ordering keys. */
    public static final List<String> CURSOR_PATHS = List.of("edges/cursor", "pageInfo/startCursor",
            "pageInfo/endCursor");

    private final List<T> items;
    private final Function<T, Cursor> cursorOf;
    private final String[] cursors;
    private final PageInfo pageInfo;

    private Page(List<T> items, Function<T, Cursor> cursorOf, boolean hasNext, boolean hasPrevious) {
        this.items = items;
        this.cursorOf = cursorOf;
        this.cursors = new String[items.size()];
        this.pageInfo = new PageInfo(hasNext, hasPrevious, this);
    }

    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, Cursor> cursorOf) {
        boolean more = fetched.size() > request.size();
        List<T> items = new ArrayList<>(more ? fetched.subList(0, request.size()) : fetched);
        if (request.backward()) {
            Collections.reverse(items);
        }
        boolean hasNext = request.backward() ? request.before() != null : more;
        boolean hasPrevious = request.backward() ? more : request.after() != null;
        return new Page<>(items, cursorOf, hasNext, hasPrevious);
    }

    /** The page, in the connection's order. */
    public List<T> items() {
        return items;
    }

    public PageInfo pageInfo() {
        return pageInfo;
    }

    /** The cursor of item {@code index}, encoded once. Racing readers of one page at worst encode it twice. */
    public String cursor(int index) {
        String cursor = cursors[index];
        if (cursor == null) {
            cursor = cursorOf.apply(items.get(index)).encode();
            cursors[index] = cursor;
        }
        return cursor;
    }

    /**
     * One edge per item, in order, made as they are read from the page and the item's index. An edge encodes its
     * cursor only when asked: the columns a cursor is made of are read only when a cursor is selected.
     */
    public <E> List<E> edges(BiFunction<Page<T>, Integer, E> edge) {
        return new AbstractList<>() {
            @Override
            public E get(int index) {
                return edge.apply(Page.this, index);
            }

            @Override
            public int size() {
                return items.size();
            }
        };
    }

    /** Rows to ask the database for: one more than the page, to learn whether another page follows. */
    public static int fetchSize(PageRequest request) {
        return request.size() + 1;
    }
}
