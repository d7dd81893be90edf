package io.graphqlusers.common.page;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Where a page of a connection sits in the whole list (Relay cursor connections).")
public record PageInfo(
        @NonNull @Description("More items follow the last one of this page.") boolean hasNextPage,
        @NonNull @Description("More items precede the first one of this page. When paging forward this is true "
                + "whenever `after` was given, as the Relay specification allows.") boolean hasPreviousPage,
        @Description("Cursor of the first item, null on an empty page.") String startCursor,
        @Description("Cursor of the last item, null on an empty page.") String endCursor) {
}
