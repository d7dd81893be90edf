package io.graphqlusers.post;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Posts;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code User.posts}: a connection per user, paged with per-user cursors, inside a page of users. */
@QuarkusTest
class UserPostsTest {

    private static final String NESTED = """
            query($filter: UserFilter, $first: Int, $after: String) {
              users(filter: $filter, orderBy: {field: NAME}) {
                nodes {
                  name
                  posts(first: $first, after: $after) {
                    totalCount
                    nodes { title }
                    pageInfo { hasNextPage endCursor }
                  }
                }
              }
            }
            """;

    @Inject
    Database database;

    @Test
    void everyUserGetsTheirOwnPage() {
        String prefix = Users.unique("Nest");
        database.insertUsersWithPosts(prefix, 3, 4);
        JsonPath users = nested(prefix, 2, null);
        for (int n = 1; n <= 3; n++) {
            String user = "nodes[" + (n - 1) + "]";
            assertEquals(prefix + " " + n, users.getString(user + ".name"));
            assertEquals(List.of("Post 1 of " + prefix + " " + n, "Post 2 of " + prefix + " " + n),
                    users.getList(user + ".posts.nodes.title"));
            assertEquals(4, users.getInt(user + ".posts.totalCount"));
            assertEquals(true, users.getBoolean(user + ".posts.pageInfo.hasNextPage"));
        }
    }

    @Test
    void aCursorContinuesItsUsersList() {
        String prefix = Users.unique("Cursor");
        database.insertUsersWithPosts(prefix, 2, 3);
        JsonPath firstPage = nested(prefix + " 2", 2, null);
        String cursor = firstPage.getString("nodes[0].posts.pageInfo.endCursor");
        JsonPath secondPage = nested(prefix + " 2", 2, cursor);
        assertEquals(List.of("Post 3 of " + prefix + " 2"), secondPage.getList("nodes[0].posts.nodes.title"));
        assertEquals(false, secondPage.getBoolean("nodes[0].posts.pageInfo.hasNextPage"));
    }

    @Test
    void usersWithoutPostsGetAnEmptyConnection() {
        String prefix = Users.unique("Empty");
        database.insertUsersWithPosts(prefix, 2, 0);
        JsonPath users = nested(prefix, 5, null);
        assertEquals(List.of(List.of(), List.of()), users.getList("nodes.posts.nodes"));
        assertEquals(List.of(0, 0), users.getList("nodes.posts.totalCount"));
    }

    @Test
    void aliasesWithDifferentArgumentsEachGetTheirOwnAnswer() {
        String prefix = Users.unique("Alias");
        database.insertUsersWithPosts(prefix, 2, 3);
        JsonPath users = GraphQLClient.admin().execute("""
                query($filter: UserFilter) {
                  users(filter: $filter) {
                    nodes {
                      one: posts(first: 1) { nodes { title } }
                      two: posts(first: 2, orderBy: {field: TITLE, direction: DESC}) { nodes { title } }
                    }
                  }
                }
                """, vars("filter", Map.of("nameContains", prefix))).extract().jsonPath().setRootPath("data.users");
        assertEquals(List.of("Post 1 of " + prefix + " 1"), users.getList("nodes[0].one.nodes.title"));
        assertEquals(List.of("Post 3 of " + prefix + " 1", "Post 2 of " + prefix + " 1"),
                users.getList("nodes[0].two.nodes.title"));
        assertEquals(List.of("Post 1 of " + prefix + " 2"), users.getList("nodes[1].one.nodes.title"));
    }

    /**
     * More requests at once than the connection pool has connections (8 in tests): a request must never hold one
     * connection while it waits for a second (its batched posts), or the pool deadlocks until acquisition times out.
     */
    @Test
    void concurrentNestedPagesNeverExhaustThePool() throws Exception {
        String prefix = Users.unique("Pool");
        database.insertUsersWithPosts(prefix, 3, 2);
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return nested(prefix, 2, null);
                }));
            }
            start.countDown();
            for (Future<JsonPath> answer : answers) {
                JsonPath users = answer.get(30, TimeUnit.SECONDS);
                assertEquals(List.of(prefix + " 1", prefix + " 2", prefix + " 3"), users.getList("nodes.name"));
                assertEquals(List.of("Post 1 of " + prefix + " 3", "Post 2 of " + prefix + " 3"),
                        users.getList("nodes[2].posts.nodes.title"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A page of posts reads the times and the version only when it shows them or a cursor (PostService.columns): each
     * way of selecting them must read them, nested (the direct engine) and at the root (SmallRye), as a single post
     * shows them.
     */
    @Test
    void showsEveryDetailItSelectsWhicheverWayItIsSelected() {
        GraphQLClient admin = GraphQLClient.admin();
        Users.CreatedUser author = Users.aUser().create();
        String post = Posts.create(author.withMintedToken(), "Details", "The body").id();
        String details = "title body version createdAt updatedAt";
        Map<String, Object> expected = admin.execute("query($id: ID!) { post(id: $id) { %s } }".formatted(details),
                vars("id", post)).body("errors", nullValue()).extract().jsonPath().getMap("data.post");
        assertEquals(List.of("Details", "The body", 0, true, true), List.of(expected.get("title"), expected.get("body"),
                expected.get("version"), expected.get("createdAt") instanceof String,
                expected.get("updatedAt") instanceof String));
        Map<String, String> documents = Map.of(
                "{ user(id: \"%1$s\") { posts(first: 1) { nodes { %2$s } } } }", "user.posts.nodes[0]",
                "{ user(id: \"%1$s\") { posts(first: 1) { edges { node { %2$s } } } } }", "user.posts.edges[0].node",
                "{ user(id: \"%1$s\") { posts(first: 1) { nodes { ...D } } } } fragment D on Post { %2$s }",
                "user.posts.nodes[0]",
                "{ user(id: \"%1$s\") { lean: posts(first: 1) { nodes { title } } posts(first: 1) { nodes { %2$s } } } }",
                "user.posts.nodes[0]",
                "{ posts(first: 1, filter: {authorId: \"%1$s\"}) { nodes { %2$s } } }", "posts.nodes[0]",
                "{ posts(first: 1, filter: {authorId: \"%1$s\"}) { edges { node { ... on Post { %2$s } } } } }",
                "posts.edges[0].node");
        documents.forEach((document, path) -> assertEquals(expected, admin.execute(document.formatted(author.id(),
                details)).body("errors", nullValue()).extract().jsonPath().getMap("data." + path), document));
    }

    private static JsonPath nested(String nameContains, int first, String after) {
        Map<String, Object> variables = new java.util.HashMap<>(vars("filter", Map.of("nameContains", nameContains),
                "first", first));
        variables.put("after", after);
        return GraphQLClient.admin().execute(NESTED, variables).extract().jsonPath().setRootPath("data.users");
    }
}
