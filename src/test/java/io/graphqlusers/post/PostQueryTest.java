package io.graphqlusers.post;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Posts;
import io.graphqlusers.support.Posts.CreatedPost;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code post}, {@code posts} (filters, orders, paging) and {@code node} for posts. */
@QuarkusTest
class PostQueryTest {

    private static final String LIST = """
            query($first: Int, $after: String, $last: Int, $before: String, $filter: PostFilter, $orderBy: PostOrder) {
              posts(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
                totalCount nodes { title } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }
            """;

    @Test
    void readsOnePostWithItsAuthor() {
        CreatedUser author = Users.aUser().withName("Reader Writer").create();
        CreatedPost post = Posts.create(author.login(), "Readable", "Text");
        GraphQLClient.admin().execute("query($id: ID!) { post(id: $id) { id title body version createdAt "
                + "author { id name } } }", vars("id", post.id()))
                .body("errors", nullValue())
                .body("data.post", equalTo(Map.of("id", post.id(), "title", "Readable", "body", "Text", "version", 0,
                        "createdAt", post.createdAt(), "author", Map.of("id", author.id(), "name", "Reader Writer"))));
    }

    @Test
    void unknownPostIsNullAndMalformedIdIsBadInput() {
        GraphQLClient admin = GraphQLClient.admin();
        String unknown = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("Post:87654321".getBytes());
        admin.execute("query($id: ID!) { post(id: $id) { id } }", vars("id", unknown)).body("data.post", nullValue());
        admin.execute("query($id: ID!) { post(id: $id) { id } }", vars("id", Users.aUser().create().id()))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void nodeResolvesPosts() {
        CreatedPost post = Posts.create(Users.aUser().create().login(), "As a node");
        GraphQLClient.admin().execute("query($id: ID!) { node(id: $id) { __typename id ... on Post { title } } }",
                vars("id", post.id()))
                .body("data.node", equalTo(Map.of("__typename", "Post", "id", post.id(), "title", "As a node")));
    }

    @Test
    void readingPostsNeedsAToken() {
        GraphQLClient.anonymous().execute("{ posts { totalCount } }")
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void filtersByAuthorAndTitle() {
        GraphQLClient author = Users.aUser().create().login();
        String tag = Users.unique("Tag");
        CreatedPost alpha = Posts.create(author, tag + " alpha");
        Posts.create(author, tag + " beta");
        Posts.create(Users.aUser().create().login(), tag + " ALPHA by someone else");
        assertEquals(List.of(tag + " alpha", tag + " ALPHA by someone else"),
                titles(Map.of("filter", Map.of("titleContains", tag + " alpha"))));
        assertEquals(List.of(tag + " alpha", tag + " beta"),
                titles(Map.of("filter", Map.of("authorId", alpha.authorId(), "titleContains", tag))));
        assertEquals(2, list(Map.of("filter", Map.of("authorId", alpha.authorId(), "titleContains", tag)))
                .getInt("totalCount"));
    }

    @Test
    void ordersByTitleBothWaysAndPagesBackwards() {
        GraphQLClient author = Users.aUser().create().login();
        String tag = Users.unique("Order");
        for (String suffix : List.of("c", "a", "d", "b")) {
            Posts.create(author, tag + " " + suffix);
        }
        Map<String, Object> filter = Map.of("titleContains", tag);
        assertEquals(List.of(tag + " a", tag + " b", tag + " c", tag + " d"),
                titles(Map.of("filter", filter, "orderBy", Map.of("field", "TITLE"))));
        assertEquals(List.of(tag + " d", tag + " c", tag + " b", tag + " a"),
                titles(Map.of("filter", filter, "orderBy", Map.of("field", "TITLE", "direction", "DESC"))));
        assertEquals(List.of(tag + " c", tag + " a", tag + " d", tag + " b"), titles(Map.of("filter", filter)));

        JsonPath last = list(Map.of("filter", filter, "orderBy", Map.of("field", "TITLE"), "last", 3));
        assertEquals(List.of(tag + " b", tag + " c", tag + " d"), last.getList("nodes.title"));
        JsonPath before = list(Map.of("filter", filter, "orderBy", Map.of("field", "TITLE"), "last", 3,
                "before", last.getString("pageInfo.startCursor")));
        assertEquals(List.of(tag + " a"), before.getList("nodes.title"));
        assertEquals(false, before.getBoolean("pageInfo.hasPreviousPage"));
    }

    @Test
    void pagesForwardWithCursors() {
        GraphQLClient author = Users.aUser().create().login();
        String tag = Users.unique("Pages");
        for (int i = 1; i <= 5; i++) {
            Posts.create(author, tag + " " + i);
        }
        Map<String, Object> filter = Map.of("titleContains", tag);
        JsonPath first = list(Map.of("filter", filter, "first", 2));
        assertEquals(List.of(tag + " 1", tag + " 2"), first.getList("nodes.title"));
        JsonPath second = list(Map.of("filter", filter, "first", 2, "after", first.getString("pageInfo.endCursor")));
        assertEquals(List.of(tag + " 3", tag + " 4"), second.getList("nodes.title"));
        JsonPath third = list(Map.of("filter", filter, "first", 2, "after", second.getString("pageInfo.endCursor")));
        assertEquals(List.of(tag + " 5"), third.getList("nodes.title"));
        assertEquals(false, third.getBoolean("pageInfo.hasNextPage"));
    }

    @Test
    void rejectsBadArguments() {
        GraphQLClient admin = GraphQLClient.admin();
        admin.execute(LIST, vars("first", 101)).body("errors[0].extensions.field", equalTo("first"));
        admin.execute(LIST, vars("filter", Map.of("authorId", "nonsense")))
                .body("errors[0].extensions", equalTo(Map.of("code", "BAD_USER_INPUT", "field", "filter.authorId")));
        admin.execute(LIST, vars("after", "bad cursor")).body("errors[0].extensions.field", equalTo("after"));
        for (String title : List.of("", "t".repeat(201))) {
            admin.execute(LIST, vars("filter", Map.of("titleContains", title)))
                    .body("data", nullValue())
                    .body("errors.size()", equalTo(1))
                    .body("errors[0].message", equalTo("filter.titleContains: size must be between 1 and 200"))
                    .body("errors[0].path", equalTo(List.of("posts")))
                    .body("errors[0].extensions",
                            equalTo(Map.of("code", "BAD_USER_INPUT", "field", "filter.titleContains")));
        }
    }

    @Test
    void authorEmailKeepsItsFieldRule() {
        CreatedUser author = Users.aUser().create();
        CreatedPost post = Posts.create(author.login(), "Whose email");
        String query = "query($id: ID!) { post(id: $id) { author { email } } }";
        Users.aUser().create().login().execute(query, vars("id", post.id())).body("data.post.author.email", nullValue());
        author.login().execute(query, vars("id", post.id())).body("data.post.author.email", equalTo(author.email()));
    }

    private List<String> titles(Map<String, Object> variables) {
        return list(variables).getList("nodes.title");
    }

    private JsonPath list(Map<String, Object> variables) {
        return GraphQLClient.admin().execute(LIST, variables).body("errors", nullValue()).extract().jsonPath()
                .setRootPath("data.posts");
    }
}
