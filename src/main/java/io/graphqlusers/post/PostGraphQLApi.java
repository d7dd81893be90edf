package io.graphqlusers.post;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.validation.Valid;
import jakarta.validation.Validator;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.graphqlusers.common.batch.Batches;
import io.graphqlusers.common.error.ArgumentConstraints;
import io.graphqlusers.common.events.DomainEvent;
import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.common.page.Page;
import io.graphqlusers.post.PostService.PageArguments;
import io.graphqlusers.security.Caller;
import io.graphqlusers.server.spi.EventStreams;
import io.graphqlusers.server.spi.FieldSelection;
import io.graphqlusers.user.User;
import io.graphqlusers.user.UserService;
import io.quarkus.security.Authenticated;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

@GraphQLApi
public class PostGraphQLApi {

    /**
     * What posts show without reading the body, and a page without its times and version (PostService.columns): any
     * other field (a cursor, for the times) has them read.
     */
    private static final Set<String> WITHOUT_BODY = Set.of("id", "title", "author", "version", "createdAt",
            "updatedAt");
    private static final Set<String> WITHOUT_DETAILS = Set.of("id", "title", "body", "author");

    private final PostService posts;
    private final UserService users;
    private final Batches batches;
    private final Caller caller;
    private final FieldSelection selection;
    private final EventStreams streams;
    private final Validator validator;

    PostGraphQLApi(PostService posts, UserService users, Batches batches, Caller caller, FieldSelection selection,
            EventStreams streams, Validator validator) {
        this.posts = posts;
        this.users = users;
        this.batches = batches;
        this.caller = caller;
        this.selection = selection;
        this.streams = streams;
        this.validator = validator;
    }

    @Query
    @Authenticated
    @Description("The post with this ID, or null when none exists.")
    public Post post(@NonNull @Id String id) {
        return posts.findById(id, !selection.showsOnly(WITHOUT_BODY)).orElse(null);
    }

    @Query
    @Authenticated
    @Description("Posts, a page at a time (Relay cursor connection, keyset paging). Default order: CREATED_AT ASC. "
            + "`first`/`last` default to 20 and may not exceed 100; `first` and `last` together are rejected.")
    public @NonNull PostConnection posts(Integer first, String after, Integer last, String before,
            PostFilter filter, PostOrder orderBy) {
        ArgumentConstraints.check(validator, "filter", filter);
        return posts.list(new PageArguments(first, after, last, before, orderBy, withBody(), withDetails()), filter);
    }

    /**
     * One user's posts. The posts of every user on the page are loaded together, one statement per distinct set of
     * arguments, whatever the number of users.
     */
    @Name("posts")
    @Description("This user's posts, a page at a time. Same arguments and limits as `Query.posts`.")
    public @NonNull CompletionStage<@NonNull PostConnection> postsOf(@Source User user, Integer first, String after,
            Integer last, String before, PostOrder orderBy) {
        caller.requireAuthenticated();
        PageArguments arguments = new PageArguments(first, after, last, before, orderBy, withBody(), withDetails());
        posts.check(arguments);
        return batches.load("User.posts", arguments, user.databaseId(),
                authors -> posts.pagesByAuthor(authors, arguments), null);
    }

    /**
     * Authors of a list of posts, with one query for all of them. SmallRye's own batching suits this field: it has
     * no arguments.
     */
    @Authenticated
    @Description("Who wrote the post.")
    public @NonNull List<@NonNull User> author(@Source List<Post> page) {
        Set<Long> ids = new LinkedHashSet<>();
        page.forEach(post -> ids.add(post.authorId()));
        Map<Long, User> authors = users.fetch(ids);
        List<User> result = new ArrayList<>(page.size());
        page.forEach(post -> result.add(authors.get(post.authorId())));
        return result;
    }

    @Description("Number of posts matching the connection's filter, over all pages. Counted only when selected, in "
            + "one statement for all the users of a page.")
    public @NonNull CompletionStage<Integer> totalCount(@Source PostConnection connection) {
        caller.requireAuthenticated();
        return batches.load("PostConnection.totalCount", null, connection.criteria(), posts::counts, 0);
    }

    @Mutation
    @Authenticated
    @Description("Publishes a post; the caller is its author.")
    public @NonNull CreatePostPayload createPost(@NonNull @Valid CreatePostInput input) {
        return new CreatePostPayload(posts.create(input, caller));
    }

    @Mutation
    @Authenticated
    @Description("Changes the given fields of a post: the author or an ADMIN (FORBIDDEN otherwise). NOT_FOUND for an "
            + "unknown ID; CONFLICT for a stale `version`.")
    public @NonNull UpdatePostPayload updatePost(@NonNull @Valid UpdatePostInput input) {
        return new UpdatePostPayload(posts.update(input, caller));
    }

    @Mutation
    @Authenticated
    @Description("Deletes a post: the author or an ADMIN (FORBIDDEN otherwise). NOT_FOUND for an unknown ID.")
    public @NonNull DeletePostPayload deletePost(@NonNull @Valid DeletePostInput input) {
        return new DeletePostPayload(posts.delete(input, caller));
    }

    @Subscription
    @Authenticated
    @Description("Every new post, or only those of one author. Pushed after the creating transaction commits, from "
            + "whichever replica created it.")
    public @NonNull Multi<@NonNull Post> postCreated(@Id String authorId) {
        return streams.stream(PostSubscriptions.created(authorId), this::load);
    }

    @Subscription
    @Authenticated
    @Description("Every changed post, or only one. Pushed after the updating transaction commits.")
    public @NonNull Multi<@NonNull Post> postUpdated(@Id String id) {
        return streams.stream(PostSubscriptions.updated(id), this::load);
    }

    /** Whether a page's posts show their bodies (or a field added since this was written). */
    private boolean withBody() {
        return !selection.nodesShowOnly(WITHOUT_BODY);
    }

    /** Whether a page shows its posts' times or versions, or cursors (made of the times), or a newer field. */
    private boolean withDetails() {
        return !selection.nodesShowOnly(WITHOUT_DETAILS) || selection.includesAny(Page.CURSOR_PATHS);
    }

    private Optional<Post> load(DomainEvent event) {
        return posts.findById(GlobalId.encode(Post.TYPE, event.id()), true);
    }
}
