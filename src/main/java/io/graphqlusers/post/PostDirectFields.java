package io.graphqlusers.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.graphqlusers.common.batch.Batches;
import io.graphqlusers.common.execution.DirectFields;
import io.graphqlusers.post.PostService.PageArguments;
import io.graphqlusers.user.User;

/** {@code User.posts} for the direct query engine: the rules of {@link PostGraphQLApi#postsOf}, one batch per level. */
@ApplicationScoped
class PostDirectFields implements DirectFields {

    private final PostGraphQLApi api;
    private final PostService posts;

    PostDirectFields(PostGraphQLApi api, PostService posts) {
        this.api = api;
        this.posts = posts;
    }

    @Override
    public void register(Registry registry) {
        // orderBy (an input object) is converted by SmallRye only: a query that gives it goes there.
        registry.<User> batch("User", "posts", Set.of("first", "after", "last", "before"), (users, call) -> {
            PageArguments arguments = api.userPostsArguments(call.argument("first", Integer.class),
                    call.argument("after", String.class), call.argument("last", Integer.class),
                    call.argument("before", String.class), null,
                    call.selectsAny(PostGraphQLApi.BODY_PATHS), call.selectsAny(PostGraphQLApi.DETAIL_PATHS));
            List<Long> authors = new ArrayList<>(users.size());
            users.forEach(user -> authors.add(user.databaseId()));
            return Batches.loadAll(authors, ids -> posts.pagesByAuthor(ids, arguments), null);
        });
    }
}
