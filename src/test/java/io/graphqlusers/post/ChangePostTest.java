package io.graphqlusers.post;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Posts;
import io.graphqlusers.support.Posts.CreatedPost;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;

/** Updating and deleting posts: who may, optimistic locking, and what a deleted author takes along. */
@QuarkusTest
class ChangePostTest {

    private static final String UPDATE = "mutation($input: UpdatePostInput!) { updatePost(input: $input) { post { title body version } } }";
    private static final String DELETE = "mutation($id: ID!) { deletePost(input: {id: $id}) { deletedId } }";
    private static final String READ = "query($id: ID!) { post(id: $id) { title } }";

    @Test
    void authorUpdatesTheGivenFields() {
        GraphQLClient author = Users.aUser().create().login();
        CreatedPost post = Posts.create(author, "Draft", "Old body");
        author.execute(UPDATE, vars("input", Map.of("id", post.id(), "title", " Final ")))
                .body("errors", nullValue())
                .body("data.updatePost.post", equalTo(Map.of("title", "Final", "body", "Old body", "version", 1)));
    }

    @Test
    void otherUserMayNeitherUpdateNorDelete() {
        CreatedPost post = Posts.create(Users.aUser().create().login(), "Mine");
        GraphQLClient stranger = Users.aUser().create().login();
        stranger.execute(UPDATE, vars("input", Map.of("id", post.id(), "title", "Yours")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].message", equalTo("Only the author or an ADMIN may update a post"));
        stranger.execute(DELETE, vars("id", post.id()))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        stranger.execute(READ, vars("id", post.id())).body("data.post.title", equalTo("Mine"));
    }

    @Test
    void adminMayUpdateAndDeleteAnyPost() {
        CreatedPost post = Posts.create(Users.aUser().create().login(), "Moderated");
        GraphQLClient admin = Users.aUser().withRole("ADMIN").create().login();
        admin.execute(UPDATE, vars("input", Map.of("id", post.id(), "title", "Edited by admin")))
                .body("data.updatePost.post.title", equalTo("Edited by admin"));
        admin.execute(DELETE, vars("id", post.id())).body("data.deletePost.deletedId", equalTo(post.id()));
        admin.execute(READ, vars("id", post.id())).body("data.post", nullValue());
    }

    @Test
    void staleVersionIsAConflict() {
        GraphQLClient author = Users.aUser().create().login();
        CreatedPost post = Posts.create(author, "Versioned");
        author.execute(UPDATE, vars("input", Map.of("id", post.id(), "title", "One", "version", 0)));
        author.execute(UPDATE, vars("input", Map.of("id", post.id(), "title", "Two", "version", 0)))
                .body("data", nullValue())
                .body("errors[0].extensions", equalTo(Map.of("code", "CONFLICT", "field", "input.version")));
        author.execute(READ, vars("id", post.id())).body("data.post.title", equalTo("One"));
    }

    @Test
    void unknownPostIsNotFound() {
        GraphQLClient author = Users.aUser().create().login();
        String unknown = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("Post:987654321".getBytes());
        author.execute(UPDATE, vars("input", Map.of("id", unknown, "title", "x")))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        author.execute(DELETE, vars("id", unknown)).body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void authorDeletesOwnPost() {
        GraphQLClient author = Users.aUser().create().login();
        CreatedPost post = Posts.create(author, "Short-lived");
        author.execute(DELETE, vars("id", post.id())).body("data.deletePost.deletedId", equalTo(post.id()));
        author.execute(READ, vars("id", post.id())).body("data.post", nullValue());
    }

    @Test
    void deletingAUserDeletesTheirPosts() {
        CreatedUser author = Users.aUser().create();
        GraphQLClient client = author.login();
        CreatedPost first = Posts.create(client, "Gone one");
        CreatedPost second = Posts.create(client, "Gone two");
        GraphQLClient admin = GraphQLClient.admin();
        admin.execute("mutation($id: ID!) { deleteUser(input: {id: $id}) { deletedId } }", vars("id", author.id()));
        admin.execute("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", vars("ids", java.util.List.of(first.id(),
                second.id())))
                .body("data.nodes", equalTo(java.util.Arrays.asList(null, null)));
        admin.execute("query($f: PostFilter) { posts(filter: $f) { totalCount } }",
                vars("f", Map.of("authorId", author.id())))
                .body("data.posts.totalCount", equalTo(0));
    }
}
