package io.graphqlusers.common;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The last line: a request still running after {@code app.limits.execution-timeout} (1 s here, below a 5 s statement
 * timeout) is answered 503 {@code TIMEOUT} at once instead of holding its client. The work it
 * abandoned may still finish afterwards (the README says so): whatever it does, the row stays consistent and the
 * service carries on.
 */
@QuarkusTest
@TestProfile(ExecutionTimeoutTest.ShortExecutionTimeout.class)
class ExecutionTimeoutTest {

    private static final String UPDATE = "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { name } } }";
    private static final String READ = "query($id: ID!) { user(id: $id) { name version } }";

    @Inject
    Database database;

    @Test
    void aRequestPastTheExecutionTimeoutGets503AndTheRowStaysConsistent() throws Exception {
        // Written straight to the database: creating a user through the API (a password hash) may itself take
        // longer than this profile's execution timeout on a slow machine, and so may a cold first request.
        String prefix = Users.unique("Timeout");
        database.insertUsersWithPosts(prefix, 1, 0);
        GraphQLClient admin = GraphQLClient.admin();
        Map<String, Object> before = admin.execute("query($name: String!) { users(filter: {nameContains: $name}) "
                + "{ nodes { id name version } } }", vars("name", prefix)).extract().path("data.users.nodes[0]");
        String id = (String) before.get("id");
        int version = (Integer) before.get("version");
        admin.execute(READ, vars("id", id)).body("data.user.name", equalTo(prefix + " 1"));
        AutoCloseable lock = database.lockUser(GlobalId.decode(id, "User", "id"));
        long started = System.nanoTime();
        Response answer;
        try {
            answer = admin.request().contentType(ContentType.JSON)
                    .body(GraphQLClient.body(UPDATE, vars("input", Map.of("id", id, "name", "Late"))))
                    .post("/graphql");
        } finally {
            lock.close();
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        answer.then().statusCode(503)
                .header("Retry-After", "1")
                .body("errors[0].message", equalTo("The request took too long and was abandoned"))
                .body("errors[0].extensions", equalTo(Map.of("code", "TIMEOUT")));
        // The execution timeout answered, not the statement timeout (5 s here) behind it.
        assertTrue(tookMillis >= 950 && tookMillis < 4000, "answered after " + tookMillis + " ms");

        // Once the lock is gone the abandoned update either committed or did not: never half of it.
        Map<String, Object> row = null;
        for (int i = 0; i < 30; i++) {
            row = admin.execute(READ, vars("id", id)).extract().path("data.user");
            if ("Late".equals(row.get("name"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(List.of(Map.of("name", prefix + " 1", "version", version),
                Map.of("name", "Late", "version", version + 1)).contains(row), String.valueOf(row));
        admin.execute(UPDATE, vars("input", Map.of("id", id, "name", "After", "version", row.get("version"))))
                .body("data.updateUser.user.name", equalTo("After"));
        assertEquals("After", admin.execute(READ, vars("id", id)).extract().path("data.user.name"));
    }

    public static class ShortExecutionTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.limits.execution-timeout", "PT1S", "app.limits.statement-timeout-millis", "5000");
        }
    }
}
