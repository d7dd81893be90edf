package io.graphqlusers.post;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CreatePostTest {

    private static final String CREATE = """
            mutation($input: CreatePostInput!) {
              createPost(input: $input) { post { id title body version createdAt updatedAt author { id name } } }
            }
            """;

    @Test
    void createsPostAuthoredByTheCaller() {
        CreatedUser author = Users.aUser().withName("Writer").create();
        JsonPath post = author.login().execute(CREATE, vars("input", Map.of("title", "  First words  ", "body", "Hello.")))
                .body("errors", nullValue())
                .extract().jsonPath().setRootPath("data.createPost.post");
        assertEquals("First words", post.getString("title"));
        assertEquals("Hello.", post.getString("body"));
        assertEquals(0, post.getInt("version"));
        assertEquals(post.getString("createdAt"), post.getString("updatedAt"));
        assertEquals(Map.of("id", author.id(), "name", "Writer"), post.getMap("author"));
        assertEquals("Post:", new String(java.util.Base64.getUrlDecoder().decode(post.getString("id"))).substring(0, 5));
    }

    @Test
    void acceptsTheLongestTitleAndBody() {
        GraphQLClient author = Users.aUser().create().login();
        author.execute(CREATE, vars("input", Map.of("title", "t".repeat(200), "body", "b".repeat(20000))))
                .body("errors", nullValue())
                .body("data.createPost.post.title", equalTo("t".repeat(200)));
    }

    @Test
    void rejectsInvalidTitleAndBodyWithBadUserInput() {
        GraphQLClient author = Users.aUser().create().login();
        expectInvalid(author, Map.of("title", "   ", "body", "x"), "input.title");
        expectInvalid(author, Map.of("title", "t".repeat(201), "body", "x"), "input.title");
        expectInvalid(author, Map.of("title", "Fine", "body", "b".repeat(20001)), "input.body");
    }

    @Test
    void anonymousCallerIsUnauthenticated() {
        GraphQLClient.anonymous().execute(CREATE, vars("input", Map.of("title", "Nope", "body", "x")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void callerWhoseAccountIsGoneGetsNotFound() {
        CreatedUser author = Users.aUser().create();
        GraphQLClient client = author.login();
        GraphQLClient.admin().execute("mutation($id: ID!) { deleteUser(input: {id: $id}) { deletedId } }",
                vars("id", author.id()));
        client.execute(CREATE, vars("input", Map.of("title", "Orphan", "body", "x")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    private static void expectInvalid(GraphQLClient author, Map<String, Object> input, String field) {
        author.execute(CREATE, vars("input", input))
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "field", field)))
                .body("errors[0].path", equalTo(List.of("createPost")));
    }
}
