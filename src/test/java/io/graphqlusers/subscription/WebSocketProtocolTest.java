package io.graphqlusers.subscription;

import static io.graphqlusers.support.GraphQLClient.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.graphqlusers.support.Database;
import io.graphqlusers.support.GraphQLClient;
import io.graphqlusers.support.Posts;
import io.graphqlusers.support.Posts.CreatedPost;
import io.graphqlusers.support.TestTokens;
import io.graphqlusers.support.Users;
import io.graphqlusers.support.Users.CreatedUser;
import io.graphqlusers.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The two WebSocket subprotocols, their rules and limits, and delivery only after commit. */
@QuarkusTest
class WebSocketProtocolTest {

    @Inject
    Database database;

    @Test
    void queriesRunOverTheSocketToo() {
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("q", "{ __typename }", Map.of()));
            assertEquals(new JsonObject().put("type", "next").put("id", "q").put("payload",
                    new JsonObject().put("data", new JsonObject().put("__typename", "Query"))), ws.next());
            assertEquals(new JsonObject().put("type", "complete").put("id", "q"), ws.next());
        }
    }

    @Test
    void invalidDocumentsGetTranslatedErrors() {
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("v", "subscription { postCreated { nope } }", Map.of()));
            JsonObject error = ws.next();
            assertEquals("error", error.getString("type"));
            assertEquals("GRAPHQL_VALIDATION_FAILED", error.getJsonArray("payload").getJsonObject(0)
                    .getJsonObject("extensions").getString("code"));
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (WsClient ws = WsClient.initialised(null)) {
            ws.send(new JsonObject().put("type", "ping"));
            assertEquals(new JsonObject().put("type", "pong"), ws.next());
        }
    }

    @Test
    void subscribingBeforeInitClosesWith4401() {
        try (WsClient ws = WsClient.connect("graphql-transport-ws", null)) {
            ws.send(WsClient.subscribe("1", "{ __typename }", Map.of()));
            assertEquals(4401, ws.closeCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void silentConnectionIsClosedWith4408() {
        try (WsClient ws = WsClient.connect("graphql-transport-ws", null)) {
            assertEquals(4408, ws.closeCode(Duration.ofSeconds(6)));
        }
    }

    @Test
    void secondInitClosesWith4429AndDuplicateIdWith4409() {
        try (WsClient ws = WsClient.initialised(null)) {
            ws.send(WsClient.init(null));
            assertEquals(4429, ws.closeCode(Duration.ofSeconds(5)));
        }
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("same", "subscription { postCreated { id } }", Map.of()));
            ws.send(WsClient.subscribe("same", "subscription { postCreated { id } }", Map.of()));
            assertEquals(4409, ws.closeCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void operationsPerConnectionAreLimited() {
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            for (int i = 0; i < 20; i++) {
                ws.send(WsClient.subscribe("s" + i, "subscription { postCreated { id } }", Map.of()));
            }
            ws.send(WsClient.subscribe("one-too-many", "subscription { postCreated { id } }", Map.of()));
            assertEquals(new JsonObject().put("type", "error").put("id", "one-too-many").put("payload", new JsonArray()
                    .add(new JsonObject().put("message", "At most 20 operations may run on one connection")
                            .put("extensions", new JsonObject().put("code", "BAD_USER_INPUT")
                                    .put("limit", "maxSubscriptionsPerConnection")))),
                    ws.next());
        }
    }

    @Test
    void legacyGraphqlWsProtocolWorks() {
        CreatedUser author = Users.aUser().create();
        try (WsClient ws = WsClient.connect("graphql-ws", null)) {
            ws.send(WsClient.init(TestTokens.admin()));
            assertEquals("connection_ack", ws.next().getString("type"));
            ws.send(new JsonObject().put("type", "start").put("id", "L").put("payload", new JsonObject()
                    .put("query", "subscription($a: ID) { postCreated(authorId: $a) { title } }")
                    .put("variables", new JsonObject().put("a", author.id()))));
            Posts.create(author.login(), "Old protocol");
            assertEquals(new JsonObject().put("type", "data").put("id", "L").put("payload", new JsonObject()
                    .put("data", new JsonObject().put("postCreated", new JsonObject().put("title", "Old protocol")))),
                    ws.next());
            ws.send(new JsonObject().put("type", "stop").put("id", "L"));
        }
    }

    @Test
    void eventsAreDeliveredOnlyWhenTheirTransactionCommits() {
        CreatedUser author = Users.aUser().create();
        CreatedPost post = Posts.create(author.login(), "Announced twice");
        long postId = Long.parseLong(new String(java.util.Base64.getUrlDecoder().decode(post.id())).substring(5));
        long authorId = Long.parseLong(new String(java.util.Base64.getUrlDecoder().decode(author.id())).substring(5));
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("t", "subscription($a: ID) { postCreated(authorId: $a) { title } }",
                    vars("a", author.id())));
            // Let the subscription register before notifying (it is ready once a query on the socket has answered).
            ws.send(WsClient.subscribe("probe", "{ __typename }", Map.of()));
            ws.next();
            ws.next();
            database.notifyInTransaction("postCreated:" + postId + ":" + authorId, false);
            assertNull(ws.poll(Duration.ofSeconds(1)), "a rolled-back notification must not arrive");
            database.notifyInTransaction("postCreated:" + postId + ":" + authorId, true);
            assertEquals("Announced twice", ws.next().getJsonObject("payload").getJsonObject("data")
                    .getJsonObject("postCreated").getString("title"));
        }
    }

    @Test
    void mutationOverHttpRolledBackPublishesNothing() {
        CreatedUser author = Users.aUser().create();
        GraphQLClient client = author.login();
        try (WsClient ws = WsClient.initialised(TestTokens.admin())) {
            ws.send(WsClient.subscribe("r", "subscription($a: ID) { postCreated(authorId: $a) { title } }",
                    vars("a", author.id())));
            client.execute("mutation($input: CreatePostInput!) { createPost(input: $input) { post { id } } }",
                    vars("input", Map.of("title", "t".repeat(201), "body", "rejected")));
            assertNull(ws.poll(Duration.ofSeconds(1)));
        }
    }
}
