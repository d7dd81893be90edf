package io.graphqlusers.common.page;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * One item of a page with its cursor; each connection has its concrete subclass (a generic class would be named
 * {@code Edge_User} in the schema). The cursor is encoded only when selected: a page reads the columns a cursor is
 * made of only when some cursor is selected, so an edge must not build it before.
 */
public abstract class Edge<T> {

    private final Page<T> page;
    private final int index;

    protected Edge(Page<T> page, int index) {
        this.page = page;
        this.index = index;
    }

    public @NonNull String getCursor() {
        return page.cursor(index);
    }

    @Ignore
    protected T item() {
        return page.items().get(index);
    }
}
