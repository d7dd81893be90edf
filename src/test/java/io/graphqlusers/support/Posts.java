package io.graphqlusers.support;

import static io.graphqlusers.support.GraphQLClient.vars;

import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Creates posts through the API as a given user. */
public final class Posts {

    private static final String CREATE = """
            mutation($input: CreatePostInput!) {
              createPost(input: $input) { post { id title body version createdAt updatedAt author { id } } }
            }
            """;

    private Posts() {
    }

    public static CreatedPost create(GraphQLClient author, String title) {
        return create(author, title, "Body of " + title);
    }

    public static CreatedPost create(GraphQLClient author, String title, String body) {
        JsonPath post = author.execute(CREATE, vars("input", Map.of("title", title, "body", body))).extract().jsonPath()
                .setRootPath("data.createPost.post");
        if (post.getString("id") == null) {
            throw new AssertionError("createPost failed for " + title);
        }
        return new CreatedPost(post.getString("id"), post.getString("title"), post.getString("body"),
                post.getInt("version"), post.getString("createdAt"), post.getString("author.id"));
    }

    public record CreatedPost(String id, String title, String body, int version, String createdAt, String authorId) {
    }
}
