package io.graphqlusers.user;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.graphqlusers.common.page.Page;
import io.graphqlusers.common.page.PageInfo;

/**
 * A page of users. {@code totalCount} is a separate resolver ({@link UserGraphQLApi#totalCount}) so its
 * COUNT query runs only when a client selects it; the filter it needs travels here, hidden from the schema.
 */
@Description("A page of users (Relay cursor connection).")
public record UserConnection(
        @NonNull List<@NonNull UserEdge> edges,
        @NonNull @Description("The users of this page, without cursors.") List<@NonNull User> nodes,
        @NonNull PageInfo pageInfo,
        @Ignore UserFilter filter) {

    static UserConnection of(Page<User> page, UserFilter filter) {
        return new UserConnection(page.edges(UserEdge::new), page.items(), page.pageInfo(), filter);
    }
}
