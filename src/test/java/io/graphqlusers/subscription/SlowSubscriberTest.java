package io.graphqlusers.subscription;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * A client that stops reading loses its subscription (SLOW_SUBSCRIBER) once app.subscriptions.buffer-size events
 * (10 in tests) wait behind its full socket; a client on another connection gets every event meanwhile. Events come
 * in steps of five, each after the healthy client has read the previous ones, so only the stalled client falls
 * behind.
 */
@QuarkusTest
class SlowSubscriberTest {

    private static final int EVENTS = 1000;
    private static final int STEP = 5;
    private static final String LARGE = "subscription($a: ID) { postCreated(authorId: $a) { body } }";
    private static final String SMALL = "subscription($a: ID) { postCreated(authorId: $a) { id } }";

    @Inject
    Database database;

    @Test
    void stalledClientIsCutOffWhileOthersKeepUp() {
        String name = Users.unique("Flood") + " 1";
        database.insertUsersWithPosts(name.substring(0, name.length() - 2), 1, EVENTS);
        String authorId = GraphQLClient.admin().execute("query($f: UserFilter) { users(filter: $f) { nodes { id } } }",
                vars("f", Map.of("nameContains", name))).extract().path("data.users.nodes[0].id");
        try (WsClient stalled = WsClient.initialised(TestTokens.admin());
                WsClient healthy = WsClient.initialised(TestTokens.admin())) {
            stalled.send(WsClient.subscribe("posts", LARGE, vars("a", authorId)));
            healthy.send(WsClient.subscribe("posts", SMALL, vars("a", authorId)));
            for (WsClient client : new WsClient[] { stalled, healthy }) {
                client.send(WsClient.subscribe("ready", "{ __typename }", Map.of()));
                client.next();
                client.next();
            }
            long author = database.growPostBodiesOf(name);
            stalled.pause();
            for (int offset = 0; offset < EVENTS; offset += STEP) {
                database.announcePostsOf(author, offset, STEP);
                for (int i = 0; i < STEP; i++) {
                    assertEquals("next", healthy.next(Duration.ofSeconds(30)).getString("type"));
                }
            }
            stalled.resume();
            int delivered = 0;
            JsonObject message = stalled.next(Duration.ofSeconds(30));
            while ("next".equals(message.getString("type"))) {
                delivered++;
                message = stalled.next(Duration.ofSeconds(30));
            }
            assertEquals("error", message.getString("type"), message.encode());
            assertEquals("SLOW_SUBSCRIBER", message.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions")
                    .getString("code"));
            assertTrue(delivered < EVENTS, delivered + " events delivered");
        }
    }
}
