package io.graphqlusers.common.page;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/**
 * Where a page sits in the whole list. The cursors are encoded only when a client selects them: a nested query's
 * pages (a hundred per request) would otherwise format and encode cursors nobody reads.
 */
@Name("PageInfo")
@Description("Where a page of a connection sits in the whole list (Relay cursor connections).")
public final class PageInfo {

    private final boolean hasNextPage;
    private final boolean hasPreviousPage;
    private final Page<?> page;

    PageInfo(boolean hasNextPage, boolean hasPreviousPage, Page<?> page) {
        this.hasNextPage = hasNextPage;
        this.hasPreviousPage = hasPreviousPage;
        this.page = page;
    }

    @Description("More items follow the last one of this page.")
    public boolean isHasNextPage() {
        return hasNextPage;
    }

    @Description("More items precede the first one of this page. When paging forward this is true whenever `after` "
            + "was given, as the Relay specification allows.")
    public boolean isHasPreviousPage() {
        return hasPreviousPage;
    }

    @Description("Cursor of the first item, null on an empty page.")
    public String getStartCursor() {
        return page.items().isEmpty() ? null : page.cursor(0);
    }

    @Description("Cursor of the last item, null on an empty page.")
    public String getEndCursor() {
        return page.items().isEmpty() ? null : page.cursor(page.items().size() - 1);
    }
}
