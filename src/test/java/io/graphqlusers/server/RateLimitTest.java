package io.graphqlusers.server;

import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;

/**
 * Each client (token subject, or address) has its own bucket: a burst of 10, then one request per 20 s here, so a slow
 * machine taking seconds over the burst cannot refill a token before the eleventh request. Only
 * {@link #webSocketUpgradesPastTheBurstAreRefused} sends anonymous requests, so the address's bucket is its own.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBuckets.class)
class RateLimitTest {

    @Test
    void aClientOverItsBurstIsRateLimitedWhileOthersAreNot() {
        GraphQLClient greedy = client();
        for (int i = 0; i < 10; i++) {
            post(greedy).statusCode(200).body("data.__typename", equalTo("Query"));
        }
        String retryAfter = post(greedy)
                .statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .extract().header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) <= 20, retryAfter);
        post(greedy).statusCode(429)
                .body("errors[0].message", matchesPattern("Too many requests; retry after [1-9][0-9]? s"))
                .body("errors[0].extensions.code", equalTo("RATE_LIMITED"))
                .body("errors[0].extensions.retryAfter", both(greaterThan(0)).and(lessThanOrEqualTo(20)));
        post(client()).statusCode(200);
    }

    /**
     * A WebSocket is no way around the limit: the upgrade and every operation sent on the socket take from the same
     * bucket as the client's HTTP requests (here the token's subject). A refused operation ends with an error that
     * says when to retry; the connection stays open.
     */
    @Test
    void operationsOnAWebSocketShareTheClientsBucket() {
        String token = token();
        try (WsClient ws = WsClient.connect("graphql-transport-ws", token)) {
            ws.send(WsClient.init(token));
            assertEquals("connection_ack", ws.next().getString("type"));
            for (int i = 0; i < 9; i++) { // the upgrade took the tenth
                ws.send(WsClient.subscribe("q" + i, "{ __typename }", Map.of()));
                assertEquals(new JsonObject().put("type", "next").put("id", "q" + i).put("payload",
                        new JsonObject().put("data", new JsonObject().put("__typename", "Query"))), ws.next());
                assertEquals("complete", ws.next().getString("type"));
            }
            ws.send(WsClient.subscribe("over", "subscription { postCreated { title } }", Map.of()));
            JsonObject refused = ws.next();
            assertEquals("error", refused.getString("type"));
            assertEquals("over", refused.getString("id"));
            JsonObject error = refused.getJsonArray("payload").getJsonObject(0);
            assertTrue(error.getString("message").matches("Too many requests; retry after [1-9][0-9]? s"),
                    error.encode());
            assertEquals("RATE_LIMITED", error.getJsonObject("extensions").getString("code"));
            assertTrue(error.getJsonObject("extensions").getInteger("retryAfter") <= 20, error.encode());

            post(GraphQLClient.withToken(token)).statusCode(429);
            ws.send(new JsonObject().put("type", "ping"));
            assertEquals(new JsonObject().put("type", "pong"), ws.next());
        }
    }

    /** Anonymous upgrades take from the address's bucket: past the burst, an upgrade is refused with 429. */
    @Test
    void webSocketUpgradesPastTheBurstAreRefused() {
        List<WsClient> connected = new ArrayList<>();
        UpgradeRejectedException rejected = null;
        try {
            while (rejected == null && connected.size() < 11) {
                try {
                    connected.add(WsClient.connect("graphql-transport-ws", null));
                } catch (IllegalStateException e) {
                    rejected = WsClient.refusal(e);
                }
            }
        } finally {
            connected.forEach(WsClient::close);
        }
        assertNotNull(rejected, "11 upgrades from one address were all accepted");
        assertEquals(10, connected.size());
        assertEquals(429, rejected.getStatus());
        assertTrue(rejected.getHeaders().get("Retry-After").matches("[1-9][0-9]?"), rejected.getHeaders().toString());
        assertEquals("RATE_LIMITED", new JsonObject(rejected.getBody()).getJsonArray("errors").getJsonObject(0)
                .getJsonObject("extensions").getString("code"));
    }

    private static String token() {
        return TestTokens.valid("VXNlcjo5OTk5OTk5OTk", Users.unique("limited") + "@example.com", "USER");
    }

    /** A client of its own: the bucket key is the token's principal, its unique email. */
    private static GraphQLClient client() {
        return GraphQLClient.withToken(token());
    }

    private static io.restassured.response.ValidatableResponse post(GraphQLClient client) {
        return client.request().contentType(ContentType.JSON).body(GraphQLClient.body("{ __typename }", Map.of()))
                .post("/graphql").then();
    }

    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.rate-limit.requests-per-second", "0.05", "app.rate-limit.burst", "10");
        }
    }
}
