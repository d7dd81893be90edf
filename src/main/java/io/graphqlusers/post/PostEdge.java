package io.graphqlusers.post;

import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.page.Page;

/**
 * One post of a page with its cursor. The cursor is encoded only when selected: a page reads the columns a cursor is
 * made of only when some cursor is selected ({@link PostGraphQLApi#DETAIL_PATHS}), so an edge must not build it
 * before.
 */
public final class PostEdge {

    private final Page<Post> page;
    private final int index;

    PostEdge(Page<Post> page, int index) {
        this.page = page;
        this.index = index;
    }

    public @NonNull String getCursor() {
        return page.cursor(index);
    }

    public @NonNull Post getNode() {
        return page.items().get(index);
    }
}
