package io.graphqlusers.post;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.page.Page;
import io.graphqlusers.common.page.PageInfo;

/**
 * A page of posts. {@code totalCount} is a separate, batched resolver so its COUNT runs only when selected; the
 * resolved filter it counts with travels here, hidden from the schema.
 */
@Description("A page of posts (Relay cursor connection).")
public record PostConnection(
        @NonNull List<@NonNull PostEdge> edges,
        @NonNull @Description("The posts of this page, without cursors.") List<@NonNull Post> nodes,
        @NonNull PageInfo pageInfo,
        @Ignore PostCriteria criteria) {

    static PostConnection of(Page<Post> page, PostCriteria criteria) {
        return new PostConnection(page.edges(PostEdge::new), page.items(), page.pageInfo(), criteria);
    }
}
