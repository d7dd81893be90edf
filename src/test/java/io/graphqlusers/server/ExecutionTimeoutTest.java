package io.graphqlusers.server;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.common.node.GlobalId;
import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The last line: a request still running after {@code app.limits.execution-timeout} (1 s here, below a 5 s statement
 * timeout) is answered {@code TIMEOUT} at once instead of holding its client, over HTTP (503) and on a WebSocket. The work it
 * abandoned may still finish afterwards (the README says so): whatever it does, the row stays consistent and the
 * service carries on. On a WebSocket, an execution whose operation ended without it (at the timeout, or completed by
 * its client) still counts against the connection's operations until it ends.
 */
@QuarkusTest
@TestProfile(ExecutionTimeoutTest.ShortExecutionTimeout.class)
class ExecutionTimeoutTest {

    private static final String UPDATE = "mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { name } } }";
    private static final String READ = "query($id: ID!) { user(id: $id) { name version } }";
    private static final String ABANDONED = "The request took too long and was abandoned";

    @Inject
    Database database;

    @Test
    void aRequestPastTheExecutionTimeoutGets503AndTheRowStaysConsistent() throws Exception {
        Target target = target();
        long started = System.nanoTime();
        Response answer;
        AutoCloseable lock = database.lockUser(target.rowId());
        try {
            answer = target.admin().request().contentType(ContentType.JSON)
                    .body(GraphQLClient.body(UPDATE, vars("input", Map.of("id", target.id(), "name", "Late"))))
                    .post("/graphql");
        } finally {
            lock.close();
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        answer.then().statusCode(503)
                .header("Retry-After", "1")
                .body("errors[0].message", equalTo(ABANDONED))
                .body("errors[0].extensions", equalTo(Map.of("code", "TIMEOUT", "retryAfter", 1)));
        assertAnsweredByTheExecutionTimeout(tookMillis);
        target.assertConsistentAndUsable();
    }

    /**
     * The same limit on a WebSocket: the operation ends with an error at once, its late result is never sent, and until
     * its execution ends it still counts against the connection's operations (one here).
     */
    @Test
    void aWebSocketOperationPastTheExecutionTimeoutEndsWithTimeout() throws Exception {
        Target target = target();
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            long started = System.nanoTime();
            JsonObject answer;
            AutoCloseable lock = database.lockUser(target.rowId());
            try {
                ws.send(WsClient.subscribe("late", UPDATE, vars("input", Map.of("id", target.id(), "name", "Late"))));
                answer = ws.next(Duration.ofSeconds(8));
                // Still running behind the lock, the abandoned update holds this profile's one operation slot.
                assertTheOnlySlotIsTaken(ws);
            } finally {
                lock.close();
            }
            assertAnsweredByTheExecutionTimeout((System.nanoTime() - started) / 1_000_000);
            assertEquals(new JsonObject().put("type", "error").put("id", "late").put("payload", new JsonArray()
                    .add(new JsonObject().put("message", ABANDONED)
                            .put("extensions", new JsonObject().put("code", "TIMEOUT").put("retryAfter", 1)))),
                    answer);
            // The abandoned update finishes (or fails) once the lock is gone; its result must not follow the error.
            target.assertConsistentAndUsable();
            assertNothingLateAndTheSlotFree(ws);
        }
    }

    /**
     * An operation its client completes while it runs gets no answer, but its execution keeps the connection's
     * operation slot until it ends, as one abandoned at the timeout does: abandoning work is no way to pile it up.
     */
    @Test
    void aWebSocketOperationItsClientCompletesHoldsItsSlotUntilItsExecutionEnds() throws Exception {
        Target target = target();
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            AutoCloseable lock = database.lockUser(target.rowId());
            try {
                ws.send(WsClient.subscribe("dropped", UPDATE, vars("input", Map.of("id", target.id(), "name", "Late"))));
                ws.send(new JsonObject().put("type", "complete").put("id", "dropped"));
                assertTheOnlySlotIsTaken(ws);
            } finally {
                lock.close();
            }
            target.assertConsistentAndUsable();
            assertNothingLateAndTheSlotFree(ws);
        }
    }

    /** Another operation on the connection is refused: the running one holds this profile's only slot. */
    private static void assertTheOnlySlotIsTaken(WsClient ws) {
        ws.send(WsClient.subscribe("meanwhile", "{ __typename }", Map.of()));
        JsonObject refused = ws.next();
        assertEquals("meanwhile", refused.getString("id"), refused.encode());
        assertEquals("error", refused.getString("type"), refused.encode());
        assertEquals("maxSubscriptionsPerConnection", refused.getJsonArray("payload").getJsonObject(0)
                .getJsonObject("extensions").getString("limit"), refused.encode());
    }

    /** Once the abandoned execution has ended: nothing of it reaches the client, and its slot is free again. */
    private static void assertNothingLateAndTheSlotFree(WsClient ws) {
        assertNull(ws.poll(Duration.ofMillis(500)));
        ws.send(WsClient.subscribe("after", "{ __typename }", Map.of()));
        JsonObject next = ws.next();
        assertEquals("after", next.getString("id"), next.encode());
    }

    /** The execution timeout answered (1 s here), not the statement timeout (5 s) behind it. */
    private static void assertAnsweredByTheExecutionTimeout(long tookMillis) {
        assertTrue(tookMillis >= 950 && tookMillis < 4000, "answered after " + tookMillis + " ms");
    }

    /**
     * A user to update. Written straight to the database: creating a user through the API (a password hash) may itself
     * take longer than this profile's execution timeout on a slow machine, and so may a cold first request.
     */
    private Target target() {
        String prefix = Users.unique("Timeout");
        database.insertUsersWithPosts(prefix, 1, 0);
        GraphQLClient admin = GraphQLClient.admin();
        Map<String, Object> before = admin.execute("query($name: String!) { users(filter: {nameContains: $name}) "
                + "{ nodes { id name version } } }", vars("name", prefix)).extract().path("data.users.nodes[0]");
        String id = (String) before.get("id");
        admin.execute(READ, vars("id", id)).body("data.user.name", equalTo(prefix + " 1"));
        return new Target(admin, id, prefix + " 1", (Integer) before.get("version"));
    }

    private record Target(GraphQLClient admin, String id, String name, int version) {

        long rowId() {
            return GlobalId.decode(id, "User", "id");
        }

        /**
         * Once the lock is gone the abandoned update either committed or did not, never half of it; then a normal
         * update works.
         */
        void assertConsistentAndUsable() throws InterruptedException {
            Map<String, Object> row = null;
            for (int i = 0; i < 30; i++) {
                row = admin.execute(READ, vars("id", id)).extract().path("data.user");
                if ("Late".equals(row.get("name"))) {
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(List.of(Map.of("name", name, "version", version), Map.of("name", "Late", "version", version + 1))
                    .contains(row), String.valueOf(row));
            admin.execute(UPDATE, vars("input", Map.of("id", id, "name", "After", "version", row.get("version"))))
                    .body("data.updateUser.user.name", equalTo("After"));
            assertEquals("After", admin.execute(READ, vars("id", id)).extract().path("data.user.name"));
        }
    }

    public static class ShortExecutionTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.limits.execution-timeout", "PT1S", "app.limits.statement-timeout-millis", "5000",
                    "app.subscriptions.max-per-connection", "1");
        }
    }
}
