package io.graphqlusers.post;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Nested reads cost a constant number of SQL statements whatever the page size: the guarantee that an N+1 cannot
 * come back. Counted by Hibernate statistics plus the plain-JDBC reads (SqlReader): every statement the service runs.
 */
@QuarkusTest
class NoNPlusOneTest {

    private static final String USERS_POSTS_AUTHORS = """
            query($filter: UserFilter, $n: Int, $m: Int) {
              users(first: $n, filter: $filter) { nodes { posts(first: $m) { nodes { title author { name } } } } }
            }
            """;
    private static final String POSTS_AUTHORS = """
            query($filter: PostFilter, $n: Int) { posts(first: $n, filter: $filter) { nodes { author { name email } } } }
            """;
    private static final String WITH_COUNTS = """
            query($filter: UserFilter, $n: Int) {
              users(first: $n, filter: $filter) { totalCount nodes { posts(first: 2) { totalCount nodes { id } } } }
            }
            """;

    @Inject
    Database database;

    @Test
    void usersWithPostsAndAuthorsTakeThreeStatementsForAnyPageSize() {
        String prefix = Users.unique("Nplus");
        database.insertUsersWithPosts(prefix, 100, 3);
        for (int n : new int[] { 1, 20, 100 }) {
            long before = database.statementCount();
            GraphQLClient.admin().execute(USERS_POSTS_AUTHORS, vars("filter", Map.of("nameContains", prefix), "n", n, "m", 3))
                    .body("errors", nullValue())
                    .body("data.users.nodes", hasSize(n))
                    .body("data.users.nodes[" + (n - 1) + "].posts.nodes", hasSize(3));
            assertEquals(3, database.statementCount() - before, "users(first: " + n + ")");
        }
    }

    @Test
    void postsWithAuthorsTakeTwoStatementsForAnyPageSize() {
        String prefix = Users.unique("Authors");
        database.insertUsersWithPosts(prefix, 100, 1);
        for (int n : new int[] { 1, 20, 100 }) {
            long before = database.statementCount();
            GraphQLClient.admin().execute(POSTS_AUTHORS, vars("filter", Map.of("titleContains", prefix), "n", n))
                    .body("errors", nullValue())
                    .body("data.posts.nodes", hasSize(n));
            assertEquals(2, database.statementCount() - before, "posts(first: " + n + ")");
        }
    }

    @Test
    void totalCountsAreOneStatementForAllUsers() {
        String prefix = Users.unique("Counts");
        database.insertUsersWithPosts(prefix, 100, 2);
        for (int n : new int[] { 1, 100 }) {
            long before = database.statementCount();
            GraphQLClient.admin().execute(WITH_COUNTS, vars("filter", Map.of("nameContains", prefix), "n", n))
                    .body("errors", nullValue());
            // users, their count, their posts, the posts' counts
            assertEquals(4, database.statementCount() - before, "users(first: " + n + ")");
        }
    }
}
