package io.graphqlusers.user;

import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.page.Page;

/**
 * One user of a page with its cursor. The cursor is encoded only when selected: a page reads the columns a cursor is
 * made of only when some cursor is selected ({@link UserGraphQLApi#DETAIL_PATHS}), so an edge must not build it
 * before.
 */
public final class UserEdge {

    private final Page<User> page;
    private final int index;

    UserEdge(Page<User> page, int index) {
        this.page = page;
        this.index = index;
    }

    public @NonNull String getCursor() {
        return page.cursor(index);
    }

    public @NonNull User getNode() {
        return page.items().get(index);
    }
}
